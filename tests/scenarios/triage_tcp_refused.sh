# Clients connecting ~400 times a second to a loopback port nobody listens on
# (in the scenario's own network namespace, 15 s at most): tcp.refused, with
# our own resets as the evidence that the refusing port is local, and, as
# root with BPF, the port and the client named from tcp:tcp_send_reset (the
# probe is attached after the first interval whose counters show the
# refusals), on both attach flavours (tp_btf, raw_tp). As nobody: the
# counters only, and the reason under unchecked.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v python3 >/dev/null || skip "python3 not installed"
[ -n "${TRIAGE_IN_NETNS:-}" ] || skip "no network namespace of our own: the TCP counters would be the machine's"
pid= pid2=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid2" ] && kill "$pid2" 2>/dev/null; wait 2>/dev/null; pid= pid2=; }
trap cleanup EXIT
baseline
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
OURS="tcp:$port"
# one connect in five to [::1] when the namespace has it (the probe reads the
# IPv6 header then)
v6=0
ip -6 addr show dev lo 2>/dev/null | grep -q "inet6 ::1/" && v6=1
python3 -c '
import socket, sys, time
port, v6, end, i = int(sys.argv[1]), sys.argv[2] == "1", time.time() + 15, 0
while time.time() < end:
    i += 1
    six = v6 and i % 5 == 0
    s = socket.socket(socket.AF_INET6 if six else socket.AF_INET)
    try:
        s.connect(("::1" if six else "127.0.0.1", port))
    except OSError:
        pass
    s.close()
    time.sleep(0.0025)' "$port" "$v6" &
pid=$!
# the same in another network namespace, to another port: not ours, so not
# named (the probe counts this namespace's resets only, as its counters do)
other=$((port == 65535 ? port - 1 : port + 1))
unshare -n bash -c 'ip link set lo up; exec python3 -c "
import socket, sys, time
end = time.time() + 15
while time.time() < end:
    s = socket.socket()
    try:
        s.connect((\"127.0.0.1\", int(sys.argv[1])))
    except OSError:
        pass
    s.close()
    time.sleep(0.005)" "$1"' _ "$other" &
pid2=$!
sleep 0.3

refused() { echo "$OUT" | jq -r "[.findings[] | select(.id == \"tcp.refused\")][0].$1"; }
rate_ok() {
	local rate
	rate=$(refused summary | awk '{print $1}')
	[ "$rate" -ge 50 ] || fail "tcp.refused ($1): $rate attempts/s, the client made about 300"
}
bpf=1
bt_err=$($TRIAGE tcpretrans -d 0.1 2>&1 >/dev/null) || { bpf=0; echo "no BPF here ($bt_err): the counters only"; }

# root: the probe names the port and the client
OUTS=()
for flavour in btf raw; do
	[ "$bpf" = 1 ] || break
	if [ "$flavour" = raw ]; then export TRIAGE_BPF_RAW_TP=1; fi
	run_triage -d 2 -i 0.5
	unset TRIAGE_BPF_RAW_TP
	OUTS+=("$OUT")
	expect_finding tcp.refused "tcp:$port"
	refused evidence[] | grep -q "resets a second (OutRsts): the refused port is local" ||
		fail "tcp.refused ($flavour): no local-reset evidence"
	refused summary | grep -q "nothing listens on port $port\$" ||
		fail "tcp.refused ($flavour): the summary does not name port $port"
	refused evidence[] | grep -q "port $other " && fail "tcp.refused ($flavour): port $other of another network namespace named"
	line=$(refused evidence[] | grep "tcp:tcp_send_reset")
	echo "$flavour: $line"
	if [ "$v6" = 1 ]; then
		n=$(echo "$line" | sed -n "s/^resets sent for \([0-9]*\) connects to port $port (127\.0\.0\.1: \([0-9]*\), ::1: \([0-9]*\)) in the last [0-9.]* s, tcp:tcp_send_reset\$/\1 \2 \3/p")
	else
		n=$(echo "$line" | sed -n "s/^resets sent for \([0-9]*\) connects to port $port (127\.0\.0\.1: \([0-9]*\)) in the last [0-9.]* s, tcp:tcp_send_reset\$/\1 \2 0/p")
	fi
	[ -n "$n" ] || fail "tcp.refused ($flavour): no evidence line naming port $port and the clients 127.0.0.1 (and ::1): '$line'"
	read -r total client client6 <<<"$n"
	[ "${total:-0}" -ge 100 ] || fail "tcp.refused ($flavour): ${total:-0} connects traced, the client made ~300 a second for over 1 s"
	expect_eq "tcp.refused ($flavour): every connect from 127.0.0.1 or ::1" "$(( ${client:-0} + ${client6:-0} ))" "${total:-}"
	[ "$v6" = 0 ] || [ "${client6:-0}" -ge $(( ${total:-0} / 10 )) ] ||
		fail "tcp.refused ($flavour): ${client6:-0} of ${total:-0} from ::1, the client made one in five"
	rate_ok "$flavour"
done
if [ "$bpf" = 1 ] && command -v bpftool >/dev/null; then
	left=$(bpftool prog list -j 2>/dev/null | jq -r '.[] | select(.name == "reset_btf" or .name == "reset_raw") | .id')
	[ -z "$left" ] || fail "the reset probe is still loaded after triage ended: $left"
fi

# not root: the counters' evidence and the reason under unchecked
if command -v setpriv >/dev/null; then
	OUT=$(timeout -k 2 15 setpriv --reuid=nobody --regid=nogroup --clear-groups -- $TRIAGE --json -d 2 -i 0.5 2>/dev/null)
	echo "$OUT" | json_ok || fail "triage as nobody: invalid JSON"
	OUTS+=("$OUT")
	[ "$(refused resource)" = tcp ] || fail "tcp.refused as nobody: resource '$(refused resource)', not tcp"
	refused evidence[] | grep -q "resets a second (OutRsts): the refused port is local" ||
		fail "tcp.refused as nobody: no local-reset evidence"
	refused evidence[] | grep -q "not named from counters" || fail "tcp.refused as nobody: no counters-only evidence"
	rate_ok nobody
	why=$(echo "$OUT" | jq -r '.unchecked[] | select(.what == "refused ports and clients") | .why')
	echo "nobody: unchecked: $why"
	echo "$why" | grep -q "tcp:tcp_send_reset names them as root" || fail "as nobody: the reason is not under unchecked"
fi

# last: no_unrelated may end the client to tell another job's warnings apart
for OUT in "${OUTS[@]}"; do
	no_unrelated tcp.refused
done
done_test
