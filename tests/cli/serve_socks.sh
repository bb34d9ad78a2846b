# triage serve's TCP figures while connections change state, in a network
# namespace of the test's own (the counts are the test's): a listener with
# two connections waiting in its accept queue, then accepted (the queue
# empties with no segment sent: the listeners are dumped every window), then
# 3 connections (6 ESTABLISHED ends), the clients close (3 CLOSE-WAIT), the
# server closes (3 TIME-WAIT). Between changes serve carries the last walk
# of the established hash (triage_collect_socks.c), so this checks the
# carried figures are a walk's, in /metrics at the end of every phase.
# timeout: 90
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (a network namespace)"
command -v unshare >/dev/null && command -v ip >/dev/null || skip "unshare or ip missing"
tmp=$(mktemp -d /tmp/triage-servesocks.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
cat >"$tmp/phases.py" <<'PY'
import socket, sys, time, urllib.request
port, out = int(sys.argv[1]), sys.argv[2]
def metrics():
    for _ in range(200):
        try:
            return urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5).read().decode()
        except OSError:
            time.sleep(0.1)
    return ""
def mark(name):
    time.sleep(2.2)		# four windows of 0.5 s: the last is wholly this phase's
    open("%s/%s.prom" % (out, name), "w").write(metrics())
metrics()
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(16)
open(out + "/lport", "w").write(str(l.getsockname()[1]))
waiting = [socket.create_connection(l.getsockname()) for _ in range(2)]
mark("queued")
acc = [l.accept()[0] for _ in range(2)]
mark("accepted")
cs = [socket.create_connection(l.getsockname()) for _ in range(3)]
ss = [l.accept()[0] for _ in range(3)]
mark("estab")
for c in cs: c.close()
mark("closewait")
for s in ss: s.close()
mark("timewait")
PY
unshare -n bash -c '
ip link set lo up || exit 1
timeout 60 "$1" serve --listen 127.0.0.1:19847 -i 0.5 2>"$2/err" & sp=$!
python3 "$2/phases.py" 19847 "$2"
kill $sp; wait $sp
exit 0' _ "$TRIAGE" "$tmp" || fail "the namespace run failed"
lport=$(cat "$tmp/lport" 2>/dev/null)
[ -n "$lport" ] && [ -s "$tmp/timewait.prom" ] || fail "no phases: $(cat "$tmp/err")"
# the states (the serve socket itself: 1 listener, and the scrapes' own
# connections, closed before each scrape's window ends, are in TIME-WAIT)
st() { awk -v s="$2" '$1 == "node_tcp_connection_states{state=\"" s "\"}" {print $2}' "$tmp/$1.prom"; }
q() { awk -v p="$lport" '$1 ~ "^triage_tcp_listen_queue\\{" && $1 ~ "port=\"" p "\"" {print $2}' "$tmp/$1.prom"; }
expect_eq "queued: accept queue" "$(q queued)" 2
# a listener with an empty queue is not exported (or exported as 0)
expect_eq "accepted: accept queue" "$(q accepted | sed 's/^0$//')" ""
expect_eq "queued: established" "$(st queued established)" 4
expect_eq "estab: established" "$(st estab established)" 10
expect_eq "closewait: close_wait" "$(st closewait close_wait)" 3
expect_eq "closewait: established" "$(st closewait established)" 4
expect_eq "timewait: close_wait" "$(st timewait close_wait)" 0
tw0=$(st closewait time_wait) tw1=$(st timewait time_wait)
expect_eq "timewait: time_wait up by the 3 client ends" "$((tw1 - tw0 >= 3))" 1
done_test
