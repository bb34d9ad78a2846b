# TCP tools live, in a network namespace of our own:
# - tcpconnect/tcpaccept/tcplife: one connection to a known port, 5000 bytes
#   sent, one refused connect;
# - tcpretrans: after the handshake, a blackhole qdisc on the namespace's lo
#   drops everything (netem and netfilter are not in this kernel), so the
#   data is retransmitted (RTO 200 ms, doubling): at least 2 in 1.5 s.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
NS=triage-tcp-$$
ip netns add "$NS" 2>/dev/null || skip "cannot create a network namespace"
trap 'ip netns del "$NS" 2>/dev/null; bt_cleanup' EXIT
ip netns exec "$NS" ip link set lo up
PORT=47$((RANDOM % 90 + 10))
# one session: connect, send 5000 bytes, close; then a refused connect
session() {
	ip netns exec "$NS" python3 -c '
import socket, sys
p = int(sys.argv[1])
s = socket.socket(); s.bind(("127.0.0.1", p)); s.listen()
c = socket.create_connection(("127.0.0.1", p)); a, _ = s.accept()
c.sendall(b"x" * 5000); got = 0
while got < 5000: got += len(a.recv(65536))
c.close(); a.close(); s.close()
try: socket.create_connection(("127.0.0.1", p + 1))
except OSError: pass
' "$PORT"
}
bt_start connect tcpconnect --json || done_test
P1=$BT_PID
BT_PID=
bt_start accept tcpaccept --json || done_test
P2=$BT_PID
BT_PID=
bt_start life tcplife --json || done_test
session
sleep 0.1
for p in $P1 $P2 $BT_PID; do kill -INT "$p"; done
wait $P1 $P2 $BT_PID || fail "a TCP tool failed"
BT_PID=
c=$(jq -c --argjson p "$PORT" 'select(.rport == $p)' "$BT/connect.out")
expect_eq "tcpconnect state" "$(echo "$c" | jq -r .state)" ESTABLISHED
expect_eq "tcpconnect comm" "$(echo "$c" | jq -r .comm)" python3
r=$(jq -c --argjson p "$((PORT + 1))" 'select(.rport == $p)' "$BT/connect.out")
expect_eq "refused connect" "$(echo "$r" | jq -r .state)" CLOSE
a=$(jq -c --argjson p "$PORT" 'select(.lport == $p)' "$BT/accept.out")
expect_eq "tcpaccept raddr" "$(echo "$a" | jq -r .raddr)" 127.0.0.1
expect_eq "tcpaccept owner (listener)" "$(echo "$a" | jq -r .comm)" python3
expect_eq "tcpaccept peer port = connect's local port" "$(echo "$a" | jq -r .rport)" "$(echo "$c" | jq -r .lport)"
l=$(jq -c --argjson p "$PORT" 'select(.rport == $p)' "$BT/life.out")
# the kernel's bytes_acked / bytes_received count sequence space, so SYN and
# FIN add one each (bcc's tcplife shows the same): 5000..5002
expect_near "tcplife client tx bytes" "$(echo "$l" | jq -r .tx_bytes)" 5001 1
l=$(jq -c --argjson p "$PORT" 'select(.lport == $p)' "$BT/life.out")
expect_near "tcplife server rx bytes" "$(echo "$l" | jq -r .rx_bytes)" 5001 1

# retransmissions
ip netns exec "$NS" tc qdisc add dev lo root blackhole 2>/dev/null ||
	{ echo "SKIP part: no blackhole qdisc"; bt_no_leftovers; done_test; }
ip netns exec "$NS" tc qdisc del dev lo root
bt_start rt tcpretrans --json || done_test
ip netns exec "$NS" python3 -c '
import socket, subprocess, sys, time
p = int(sys.argv[1]) + 2
s = socket.socket(); s.bind(("127.0.0.1", p)); s.listen()
c = socket.create_connection(("127.0.0.1", p)); a, _ = s.accept()
subprocess.run(["tc", "qdisc", "add", "dev", "lo", "root", "blackhole"], check=True)
c.send(b"y" * 1000)
time.sleep(1.5)
' "$PORT"
bt_stop
n=$(jq --argjson p "$((PORT + 2))" 'select(.rport == $p and .raddr == "127.0.0.1") | .state' "$BT/rt.out" | wc -l)
[ "$n" -ge 2 ] || fail "retransmits seen: $n, want >= 2 ($(head -3 "$BT/rt.out"))"
expect_eq "retransmit state" "$(jq -r --argjson p "$((PORT + 2))" 'select(.rport == $p) | .state' "$BT/rt.out" | sort -u)" ESTABLISHED
bt_no_leftovers
done_test
