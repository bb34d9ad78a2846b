# A listener that never accepts (backlog 2) and a flood of connects for 3 s:
# tcp.listen_overflow naming its port.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
baseline
port_file=$(mktemp)
python3 - "$port_file" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(2)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(6)       # never accept()
PY
pids+=($!)
for i in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.05; done
port=$(cat "$port_file"); rm -f "$port_file"
python3 - "$port" <<'PY' &
import socket, sys, time
socks = []
end = time.time() + 3
while time.time() < end and len(socks) < 300:
    c = socket.socket(); c.setblocking(False)
    try:
        c.connect(("127.0.0.1", int(sys.argv[1])))
    except BlockingIOError:
        pass
    socks.append(c)
    time.sleep(0.01)
time.sleep(max(0, end - time.time()))
PY
pids+=($!)
sleep 0.3
OURS="tcp:$port pid:${pids[0]}"
run_triage -d 1 -i 0.5
expect_finding tcp.listen_overflow "tcp:$port" "${pids[0]}"
# a full accept queue also fills the SYN queue: cookies and "SYN flooding" are its consequence
no_unrelated tcp.listen_overflow tcp.syn_flood
done_test
