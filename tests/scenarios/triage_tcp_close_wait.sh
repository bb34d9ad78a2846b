# A server that never closes the connections its clients closed: 150 sockets
# in CLOSE-WAIT (6 s): tcp.close_wait naming the server.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
baseline
port_file=$(mktemp)
python3 - "$port_file" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(200)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
kept = []
end = time.time() + 6
s.settimeout(0.2)
while time.time() < end:
    try:
        c, _ = s.accept(); kept.append(c)   # never closed: CLOSE-WAIT once the peer closes
    except socket.timeout:
        pass
PY
pid=$!
for i in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.05; done
port=$(cat "$port_file"); rm -f "$port_file"
python3 - "$port" <<'PY'
import socket, sys
cs = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(150)]
for c in cs:
    c.close()
PY
sleep 0.5
n=$(ss -tan state close-wait "( sport = :$port )" | tail -n +2 | wc -l)
expect_eq "setup: CLOSE-WAIT sockets (ss)" "$n" "150"
OURS="pid:$pid"
run_triage -d 1
expect_finding tcp.close_wait "pid:$pid" "$pid"
no_unrelated tcp.close_wait
done_test
