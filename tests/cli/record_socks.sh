# The recorder's socket counts while TCP connections change state, in a
# network namespace of the test's own (so that the counts are the test's):
# a listener, then 3 connections (6 ESTABLISHED ends), then the clients
# close (3 CLOSE-WAIT, 3 FIN-WAIT-2), then the server closes (3 TIME-WAIT).
# Between changes the recorder does not walk the established hash again
# (sample_extra.c socks_unchanged: nothing that moves a state moved), so
# this checks that the counts it carries are the ones a walk would give,
# at the end of every phase, replayed with `ss -s --store`.
# timeout: 90
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (a network namespace)"
command -v unshare >/dev/null && command -v ip >/dev/null || skip "unshare or ip missing"
tmp=$(mktemp -d /tmp/triage-recsocks.XXXXXX)
chmod 750 "$tmp"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/phases.py" <<'PY'
import socket, sys, time
out = open(sys.argv[1], "w")
def mark(name):
    time.sleep(1.6)
    out.write("%s %.3f\n" % (name, time.time())); out.flush()
    time.sleep(0.1)
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(16)
mark("listen")
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
timeout 60 "$1" record -i 0.2 --store "$2/s" 2>"$2/err" & rp=$!
sleep 1
python3 "$2/phases.py" "$2/times"
sleep 0.5
kill $rp; wait $rp
exit 0' _ "$TRIAGE" "$tmp" || fail "the namespace run failed"
[ -s "$tmp/times" ] || fail "no phases: $(cat "$tmp/err")"
# state counts at the last sample before each phase's mark
at() {
	local t
	t=$(awk -v p="$1" '$1 == p {print $2}' "$tmp/times")
	$TRIAGE ss -s --json --store "$tmp/s" --from "@$(echo "$t - 1" | bc)" --to "@$t" 2>>"$tmp/err" |
		jq -c '.tcp_states | {estab, "fin-wait-2", "time-wait", "close-wait", listen}'
}
expect_eq "listen" "$(at listen)" '{"estab":0,"fin-wait-2":0,"time-wait":0,"close-wait":0,"listen":1}'
expect_eq "estab" "$(at estab)" '{"estab":6,"fin-wait-2":0,"time-wait":0,"close-wait":0,"listen":1}'
expect_eq "closewait" "$(at closewait)" '{"estab":0,"fin-wait-2":3,"time-wait":0,"close-wait":3,"listen":1}'
expect_eq "timewait" "$(at timewait)" '{"estab":0,"fin-wait-2":0,"time-wait":3,"close-wait":0,"listen":1}'
done_test
