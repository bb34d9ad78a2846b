# triage sar -n SOFT [-P ALL|CPUS]: fixture goldens (values hand-computed
# below and in tests/unit/test_softnet.c), old-kernel CPU numbering, bad
# input, and live against sysstat's sar -n SOFT with UDP over loopback.
. "$TRIAGE_SRC/tests/lib.sh"
N=$FIX/net
M=$(uname -m)
sr() { TZ=UTC "$TRIAGE" sar "$@" 2>&1 | sed "s/_${M}_/_x86_64_/"; }

# t0 -> t1 (2.00 s): CPU 0 processed 0x1000 -> 0x1800 = +2048 = 1024.00/s,
# dropped 0x10 -> 0x24 = +20 = 10.00/s, time_squeeze 4 -> 8 = 2.00/s,
# blg_len 3; CPU 1 processed 0x2000 -> 0x2400 = +1024 = 512.00/s,
# received_rps 0x20 -> 0x30 = 8.00/s, flow_limit 2 -> 4 = 1.00/s, blg_len 1;
# all = the sums: 1536.00 10.00 2.00 8.00 1.00 4.
# t1 -> t2 (1.00 s): CPU 0 +0x100 = 256.00/s; CPU 1 processed went back
# (0x2400 -> 0x100): "-", and so is all's total/s.
# Average t0 -> t2 (3.00 s): CPU 0 2304/3 = 768.00, dropd 20/3 = 6.67,
# squeezd 4/3 = 1.33; CPU 1 rx_rps 16/3 = 5.33, flw_lim 2/3 = 0.67; blg_len
# of the last sample (0).
expect_golden sar_soft.txt sr -n SOFT -P ALL --root "$N/t0,$N/t1,$N/t2"
# without -P: the "all" row only (sysstat); -P 1: all and CPU 1
expect_eq "no -P" "$(sr -n SOFT --root "$N/t0,$N/t1" | awk '$1 == "Average:" {print $2}' | tr '\n' ' ')" "CPU all "
expect_eq "-P 1" "$(sr -n SOFT -P 1 --root "$N/t0,$N/t1" | awk '$1 == "Average:" {print $2 "=" $3}' | tr '\n' ' ')" \
	"CPU=total/s all=1536.00 1=512.00 "
# -n ALL holds SOFT, after SOCK6
expect_eq "ALL: SOFT last" "$(sr -n ALL --root "$N/t0,$N/t1" | awk '$1 == "Average:" && NF > 2 {h = $2} END {print h}')" "all"

# JSON
js=$("$TRIAGE" sar -n SOFT -P ALL --json --root "$N/t0,$N/t1,$N/t2")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json all total" "$(echo "$js" | jq '.statistics[0].net_softnet[0] | [.cpu, .total_s, .dropd_s, .blg_len] | @csv')" '"\"all\",1536,10,4"'
expect_eq "json cpu1 rps" "$(echo "$js" | jq '.statistics[0].net_softnet[] | select(.cpu == 1) | .rx_rps_s')" "8"
expect_eq "json unknown null" "$(echo "$js" | jq '.statistics[1].net_softnet[0].total_s')" "null"
expect_eq "json avg squeezd" "$(echo "$js" | jq '.average.net_softnet[0].squeezd_s')" "1.33"

tmp=$(mktemp -d /tmp/triage-sar-soft.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# an old kernel (4.19: 11 columns, no CPU index, no backlog) with CPU 1
# offline: the lines are CPUs 0 and 2; blg_len unknown. 0x10 -> 0x30 = +32
# over 2 s = 16.00/s on CPU 2.
for t in t0 t1; do
	mkdir -p "$tmp/$t/proc/net" "$tmp/$t/sys/devices/system/cpu"
	cp "$N/$t/proc/uptime" "$tmp/$t/proc/"
	echo "0,2-3" >"$tmp/$t/sys/devices/system/cpu/online"
done
printf '00000001 0 0 0 0 0 0 0 0 0 0\n00000010 0 0 0 0 0 0 0 0 0 0\n' >"$tmp/t0/proc/net/softnet_stat"
printf '00000001 0 0 0 0 0 0 0 0 0 0\n00000030 0 0 0 0 0 0 0 0 0 0\n' >"$tmp/t1/proc/net/softnet_stat"
expect_eq "old kernel numbering" "$(sr -n SOFT -P ALL --root "$tmp/t0,$tmp/t1" | awk '$1 == "Average:" {print $2 "=" $3 "/" $8}' | tr '\n' ' ')" \
	"CPU=total/s/blg_len all=16.00/- 0=0.00/- 2=16.00/- "
# a malformed line is named; SOFT alone then has nothing to show: exit 1
printf '00000001 zz\n' >"$tmp/t1/proc/net/softnet_stat"
expect_eq "parse error" "$("$TRIAGE" sar -n SOFT --root "$tmp/t1,$tmp/t0" 2>&1 >/dev/null)" \
	"triage: sar: cannot parse $tmp/t1/proc/net/softnet_stat line 1 (SOFT unavailable)"
expect_exit 1 "$TRIAGE" sar -n SOFT --root "$tmp/t1,$tmp/t0"
# no softnet_stat: SOFT unavailable, the other activities shown
rm "$tmp/t0/proc/net/softnet_stat" "$tmp/t1/proc/net/softnet_stat"
cp "$N/t0/proc/net/sockstat" "$tmp/t0/proc/net/"
cp "$N/t1/proc/net/sockstat" "$tmp/t1/proc/net/"
out=$("$TRIAGE" sar -n SOCK,SOFT --root "$tmp/t0,$tmp/t1" 2>"$tmp/err")
expect_eq "no softnet: exit" "$?" "0"
expect_eq "no softnet: message" "$(cat "$tmp/err")" \
	"triage: sar: cannot read $tmp/t0/proc/net/softnet_stat (SOFT unavailable): No such file or directory"
echo "$out" | grep -q totsck || fail "no softnet: SOCK not shown"
echo "$out" | grep -q squeezd && fail "no softnet: a SOFT table was printed"

# bad input
expect_exit 2 "$TRIAGE" sar -n SOFT -P x
expect_exit 2 "$TRIAGE" sar -n SOFT -P 3-1
expect_exit 2 "$TRIAGE" sar -n SOFT -P ""
expect_exit 2 "$TRIAGE" sar -n SOFTX

# LIVE: 20,000 UDP datagrams over 127.0.0.1 inside a 2 s interval, triage and
# sysstat at once, in batches of 100 (within the socket's receive buffer).
# Each is one packet through the loopback backlog, counted in "processed" once: all's total/s x 2 s >= 20,000 (less 2% for the
# interval's edges), and the two tools agree within 5% + 10/s (the intervals
# start a few ms apart; other loopback traffic of the machine).
command -v sar >/dev/null || skip "sysstat sar not installed"
timeout 15 "$TRIAGE" sar -n SOFT -P ALL 2 1 >"$tmp/ours" &
p1=$!
timeout 15 sar -n SOFT -P ALL 2 1 >"$tmp/theirs" &
p2=$!
sleep 0.3
start=$(date +%s.%N)
timeout 8 python3 - <<'PY' || fail "live: loopback datagrams failed"
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
u.settimeout(2)
o = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(200):
    for _ in range(100):
        o.sendto(b"x", u.getsockname())
    for _ in range(100):
        u.recv(16)
PY
end=$(date +%s.%N)
wait $p1 $p2
fits=$(awk -v s="$start" -v e="$end" 'BEGIN{print (e - s < 1.5) ? 1 : 0}')
[ "$fits" = 1 ] || skip_part "live: the traffic took longer than the interval: only the agreement of the tools was checked"
ours=$(awk '$1 == "Average:" && $2 == "all" {print $3}' "$tmp/ours")
theirs=$(awk '$1 == "Average:" && $2 == "all" {print $3}' "$tmp/theirs")
echo "live all total/s: triage $ours, sysstat $theirs (20000 datagrams in 2 s = 10000.00/s)"
[ "$fits" = 1 ] && { awk -v x="$ours" 'BEGIN{exit !(x * 2 >= 20000 * 0.98)}' || fail "live total/s $ours: fewer than 20000 packets over 2 s"; }
expect_near "live all total/s vs sysstat" "$ours" "$theirs" "$(awk -v x="$theirs" 'BEGIN{print x * 0.05 + 10}')"
for c in 0 1; do
	ours=$(awk -v c=$c '$1 == "Average:" && $2 == c {print $3}' "$tmp/ours")
	theirs=$(awk -v c=$c '$1 == "Average:" && $2 == c {print $3}' "$tmp/theirs")
	[ -n "$theirs" ] || continue
	echo "live CPU $c total/s: triage $ours, sysstat $theirs"
	expect_near "live CPU $c total/s vs sysstat" "$ours" "$theirs" "$(awk -v x="$theirs" 'BEGIN{print x * 0.05 + 10}')"
done
expect_eq "live dropd/s" "$(awk '$1 == "Average:" && $2 == "all" {print $4}' "$tmp/ours")" \
	"$(awk '$1 == "Average:" && $2 == "all" {print $4}' "$tmp/theirs")"
done_test
