# Scenario: a veth pair into a network namespace of our own (speed 10000 Mb/s,
# full duplex), 16 MiB sent over it inside a 2 s interval, triage sar and
# sysstat sar at once. Checks the link speed/duplex reading and %ifutil live:
# txkB/s must hold the 16384 kB (plus headers, < 6%), and %ifutil equal
# sysstat's (max(rx, tx) x 8 / 10^10 x 100, about 0.7) within 0.05.
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root for ip netns"
command -v ip >/dev/null || skip "iproute2 not installed"
command -v sar >/dev/null || skip "sysstat sar not installed"
ns=trv$$ a=tv$$a b=tv$$b net=10.213.$(( $$ % 250 ))
tmp=$(mktemp -d /tmp/triage-veth.XXXXXX)
cleanup() {
	[ -n "${lp:-}" ] && kill "$lp" 2>/dev/null
	ip link del "$a" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns" || skip "cannot create a network namespace"
ip link add "$a" type veth peer name "$b" netns "$ns" || skip "no veth support"
ip addr add "$net.1/30" dev "$a" && ip link set "$a" up
ip -n "$ns" addr add "$net.2/30" dev "$b" && ip -n "$ns" link set "$b" up
speed=$(cat "/sys/class/net/$a/speed" 2>/dev/null)
[ "$speed" -gt 0 ] 2>/dev/null || skip "veth reports no speed ($speed)"

# the listener in the namespace: reads until EOF, bounded
timeout 12 ip netns exec "$ns" python3 -c '
import socket, sys
s = socket.socket(); s.bind((sys.argv[1], 5201)); s.listen(1)
c, _ = s.accept()
while c.recv(1 << 16): pass
' "$net.2" &
lp=$!
sleep 0.5
timeout 15 "$TRIAGE" sar -n DEV --iface="$a" --json 2 1 >"$tmp/ours" &
p1=$!
timeout 15 sar -n DEV --iface="$a" 2 1 >"$tmp/theirs" &
p2=$!
sleep 0.3
start=$(date +%s.%N)
timeout 8 python3 -c '
import socket, sys
c = socket.create_connection((sys.argv[1], 5201)); c.sendall(b"\0" * (16 << 20)); c.close()
' "$net.2" || fail "transfer failed"
end=$(date +%s.%N)
wait $p1 $p2
txkb=$(jq ".statistics[0].net_dev[0].txkb_s" "$tmp/ours")
dt=$(jq ".statistics[0].interval_s" "$tmp/ours")
util=$(jq ".statistics[0].net_dev[0].ifutil_pct" "$tmp/ours")
sp=$(jq ".statistics[0].net_dev[0].speed_mbps" "$tmp/ours")
t_txkb=$(awk -v i="$a" '$1 == "Average:" && $2 == i {print $6}' "$tmp/theirs")
t_util=$(awk -v i="$a" '$1 == "Average:" && $2 == i {print $10}' "$tmp/theirs")
echo "veth $a (speed $sp Mb/s): triage txkB/s $txkb %ifutil $util over ${dt}s; sysstat txkB/s $t_txkb %ifutil $t_util"
expect_eq "speed" "$sp" "$speed"
expect_near "txkB/s vs sysstat" "$txkb" "$t_txkb" "$(awk -v x="$t_txkb" 'BEGIN{print x * 0.05 + 5}')"
expect_near "%ifutil vs sysstat" "$util" "$t_util" 0.05
# %ifutil is the formula on our own rate: txkB/s x 1024 x 8 / (speed x 10^6) x 100
expect_near "%ifutil formula" "$util" "$(awk -v t="$txkb" -v s="$speed" 'BEGIN{print t * 1024 * 8 / (s * 1e6) * 100}')" 0.01
if awk -v s="$start" -v e="$end" 'BEGIN{exit !(e - s < 1.5)}'; then
	awk -v t="$txkb" -v dt="$dt" 'BEGIN{exit !(t * dt >= 16384 && t * dt <= 16384 * 1.06)}' \
		|| fail "txkB/s $txkb x ${dt}s is not 16384 kB + headers"
fi
done_test
