# Clients connecting ~400 times a second to a loopback port nobody listens on
# (3 s, in the scenario's own network namespace): tcp.refused, with our own
# resets as the evidence that the refusing port is local.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v python3 >/dev/null || skip "python3 not installed"
[ -n "${TRIAGE_IN_NETNS:-}" ] || skip "no network namespace of our own: the TCP counters would be the machine's"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -c '
import socket, sys, time
port, end = int(sys.argv[1]), time.time() + 3
while time.time() < end:
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", port))
    except OSError:
        pass
    s.close()
    time.sleep(0.0025)' "$port" &
pid=$!
sleep 0.3
run_triage -d 2 -i 0.5
expect_finding tcp.refused tcp
ev=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "tcp.refused")][0].evidence[]')
echo "$ev" | grep -q "resets a second (OutRsts): the refused port is local" || fail "tcp.refused: no local-reset evidence"
rate=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "tcp.refused")][0].summary' | awk '{print $1}')
[ "$rate" -ge 50 ] || fail "tcp.refused: $rate attempts/s, the client made about 300"
no_unrelated tcp.refused
done_test
