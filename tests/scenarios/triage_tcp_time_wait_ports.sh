# Port exhaustion towards one destination (issue 13): in the scenario's own
# network namespace the ephemeral port range is narrowed to 200 ports
# (ip_local_port_range is per namespace), and a client opens and closes 150
# connections to one loopback server, closing first, so 150 of its ports sit
# in TIME-WAIT towards that server: tcp.time_wait names the destination, 75 %
# of the port range (> 50 %: warning). Bounded: the server ends after 10 s;
# the namespace and its sockets go away with the test.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
command -v python3 >/dev/null || skip "python3 not installed"
[ -n "${TRIAGE_IN_NETNS:-}" ] || skip "no network namespace of our own: the port range would be the machine's"
echo "40000 40199" >/proc/sys/net/ipv4/ip_local_port_range || skip "cannot set ip_local_port_range here"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
dir=$(mktemp -d /tmp/triage-tw.XXXXXX)
python3 -c '
import socket, sys, threading, time
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(64)
def serve():
    l.settimeout(10)
    while True:
        try: c, _ = l.accept()
        except OSError: return
        c.recv(1); c.close()      # EOF from the client, then close: the client holds TIME-WAIT
threading.Thread(target=serve, daemon=True).start()
port = l.getsockname()[1]
for i in range(150):
    s = socket.create_connection(("127.0.0.1", port)); s.close()
open(sys.argv[1] + "/port", "w").write(str(port))
time.sleep(10)' "$dir" &
pid=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port" 2>/dev/null); rm -rf "$dir"
[ -n "$port" ] || fail "the client did not finish its connections"
sleep 0.5
run_triage -d 1 -i 0.5
expect_finding tcp.time_wait "tcp:127.0.0.1:$port"
sum=$(echo "$OUT" | jq -r '[.findings[] | select(.id == "tcp.time_wait")][0].summary')
echo "$sum"
echo "$sum" | grep -qE "^1[45][0-9] TIME-WAIT sockets to 127.0.0.1 port $port hold 7[0-9]% of the ephemeral ports" \
	|| fail "tcp.time_wait summary: $sum"
no_unrelated tcp.time_wait
done_test
