# timeout: 60
# tcptop live, in a network namespace of the test's own (loopback up): a
# client sends exactly 2 MiB to a server on port 47123 (over 127.0.0.1, then
# 1 MiB over [::1]:47124 when the namespace has IPv6), the server answers
# 4096 bytes; tcptop shows both ends of each connection with their PIDs,
# addresses, ports and exact bytes (2048 KB received by the server, sent by
# the client). Every process ends by itself (timeouts on each).
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"

expect_exit 0 $TRIAGE tcptop --help
expect_exit 2 $TRIAGE tcptop --bogus
expect_exit 2 $TRIAGE tcptop -r x
expect_exit 2 $TRIAGE tcptop 0
expect_exit 2 $TRIAGE tcptop 1 2 3
expect_exit 2 $TRIAGE tcptop -p abc
command -v unshare >/dev/null || skip "unshare (util-linux) not installed"

# peer.py server|client FAMILY ADDR PORT BYTES PIDFILE
cat >"$BT/peer.py" <<'PY'
import os, socket, sys, time
role, fam, addr, port, n, pidf = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
af = socket.AF_INET6 if fam == "6" else socket.AF_INET
open(pidf, "w").write(str(os.getpid()))
if role == "server":
    s = socket.socket(af, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port)); s.listen(1); s.settimeout(20)
    c, _ = s.accept(); c.settimeout(20)
    got = 0
    while got < n:
        d = c.recv(65536)
        if not d: break
        got += len(d)
    assert got == n, got
    c.sendall(b"r" * 4096)
    c.close()
else:
    c = socket.create_connection((addr, port), timeout=20)
    chunk = b"x" * 65536
    for _ in range(n // 65536): c.sendall(chunk)
    got = 0
    while got < 4096:
        d = c.recv(4096 - got)
        if not d: break
        got += len(d)
    assert got == 4096, got
    c.close()
PY

# one namespace runs both peers, after tcptop is attached (go)
mkfifo "$BT/go"
timeout 40 unshare -n bash -c '
	ip link set lo up 2>/dev/null || exit 3
	read _ <"$1"
	run() { # FAMILY ADDR PORT BYTES PEER.PY DIR
		timeout 20 python3 "$5" server "$1" "$2" "$3" "$4" "$6/s$1.pid" & sp=$!
		for _ in $(seq 100); do [ -s "$6/s$1.pid" ] && break; sleep 0.05; done
		sleep 0.2
		timeout 20 python3 "$5" client "$1" "$2" "$3" "$4" "$6/c$1.pid" || exit 4
		wait $sp || exit 5
	}
	run_all() { run 4 127.0.0.1 47123 2097152 "$@" && { ip -6 addr show dev lo | grep -q ::1 || exit 0; run 6 ::1 47124 1048576 "$@"; }; }
	run_all "$2" "$3"
' sh "$BT/go" "$BT/peer.py" "$BT" &
ns=$!
bt_start json tcptop --json 0.5 || done_test
echo go >"$BT/go"
wait $ns; rc=$?
sleep 0.6
bt_stop
[ $rc = 3 ] && skip "cannot bring up lo in a new network namespace"
[ $rc = 0 ] || fail "the peers failed (exit $rc)"
out=$BT/json.out
python3 - "$out" <<'PY' || fail "json lines invalid: $(head -c 300 "$out")"
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    assert isinstance(d["time"], int) and isinstance(d["conns"], list) and d["lost"] == 0, d
PY
# check FAMILY LADDR PORT BYTES: both ends, summed over the intervals
check() {
	local fam=$1 a=$2 port=$3 n=$4 sp cp srv cli
	sp=$(cat "$BT/s$fam.pid"); cp=$(cat "$BT/c$fam.pid")
	srv=$(jq -s -c --argjson p "$port" --argjson pid "$sp" '[.[].conns[] | select(.lport == $p and .pid == $pid)]' "$out")
	cli=$(jq -s -c --argjson p "$port" --argjson pid "$cp" '[.[].conns[] | select(.rport == $p and .pid == $pid)]' "$out")
	expect_eq "IPv$fam server rx bytes" "$(echo "$srv" | jq 'map(.rx_bytes) | add')" "$n"
	expect_eq "IPv$fam server tx bytes" "$(echo "$srv" | jq 'map(.tx_bytes) | add')" 4096
	expect_eq "IPv$fam client tx bytes" "$(echo "$cli" | jq 'map(.tx_bytes) | add')" "$n"
	expect_eq "IPv$fam client rx bytes" "$(echo "$cli" | jq 'map(.rx_bytes) | add')" 4096
	expect_eq "IPv$fam client tx calls" "$(echo "$cli" | jq 'map(.tx_calls) | add')" "$((n / 65536))"
	expect_eq "IPv$fam server laddr" "$(echo "$srv" | jq -r '.[].laddr' | sort -u)" "$a"
	expect_eq "IPv$fam server raddr" "$(echo "$srv" | jq -r '.[].raddr' | sort -u)" "$a"
	expect_eq "IPv$fam client raddr" "$(echo "$cli" | jq -r '.[].raddr' | sort -u)" "$a"
	expect_eq "IPv$fam family" "$(echo "$srv $cli" | jq -r '.[].family' | sort -u)" "$fam"
	expect_eq "IPv$fam comm" "$(echo "$srv $cli" | jq -r '.[].comm' | sort -u)" python3
	# the two ends are one connection: the client's local port is the server's remote one
	expect_eq "IPv$fam ports pair" "$(echo "$cli" | jq '.[0].lport')" "$(echo "$srv" | jq '.[0].rport')"
	local kb=$((n / 1024))
	echo "$srv" | jq -e --argjson kb $kb 'map(.rx_kb) | add >= $kb - 1' >/dev/null || fail "rx_kb: $srv"
}
check 4 127.0.0.1 47123 2097152
if [ -s "$BT/s6.pid" ]; then check 6 ::1 47124 1048576; else skip_part "no ::1 in the namespace: the IPv6 part did not run"; fi

# text: one interval holding the whole transfer, -S: no summary line
rm -f "$BT"/*.pid "$BT/go"; mkfifo "$BT/go"
timeout 40 unshare -n bash -c '
	ip link set lo up || exit 3
	read _ <"$1"
	timeout 20 python3 "$2" server 4 127.0.0.1 47123 2097152 "$3/s.pid" & sp=$!
	for _ in $(seq 100); do [ -s "$3/s.pid" ] && break; sleep 0.05; done
	sleep 0.2
	timeout 20 python3 "$2" client 4 127.0.0.1 47123 2097152 "$3/c.pid" && wait $sp
' sh "$BT/go" "$BT/peer.py" "$BT" &
ns=$!
bt_start text tcptop -C -S 10 || done_test
echo go >"$BT/go"
wait $ns || fail "the text peers failed"
bt_stop
out=$BT/text.out
expect_eq "header" "$(head -1 "$out")" "$(printf '%-7s %-12s %-21s %-21s %6s %6s' PID COMM LADDR RADDR RX_KB TX_KB)"
grep -q loadavg "$out" && fail "-S printed the summary: $(head -2 "$out")"
set -- $(grep " 127.0.0.1:47123 " "$out" | awk -v p="$(cat "$BT/s.pid")" '$1 == p')
expect_eq "server row" "$1 $2 ${3%:*} ${3#*:} $5 $6" "$(cat "$BT/s.pid") python3 127.0.0.1 47123 2048 4"
set -- $(grep " 127.0.0.1:47123 " "$out" | awk -v p="$(cat "$BT/c.pid")" '$1 == p')
expect_eq "client row" "$1 $2 $4 $5 $6" "$(cat "$BT/c.pid") python3 127.0.0.1:47123 4 2048"
bt_no_leftovers
done_test
