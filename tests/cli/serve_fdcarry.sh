# triage serve carries a process that did not run from window to window,
# its descriptor count with it (the task iterator's change signature, root
# with BTF); a process that wakes up and opens descriptors must be read
# again. In a PID namespace of its own (and a network namespace: no socket
# elsewhere on the machine makes the pass list every fd) with 1,100 idle processes (above the
# 1,000 from which the descriptor pass counts instead of listing every fd),
# a holder with a soft limit of 64 sleeps through the first windows, then
# opens 60 descriptors: fd.near_limit must name it. Polls with generous
# bounds: the machine's load only makes it slower.
# timeout: 240
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (unshare -p; the task iterator)"
unshare -npf --mount-proc true 2>/dev/null || skip "unshare -n -p unavailable"
tmp=$(mktemp -d /tmp/triage-fdcarry.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/inner.sh" <<'INNER'
tmp=$1
for i in $(seq 1100); do sleep 120 & done
python3 -c '
import os, resource, sys, time
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 1024))
open(sys.argv[1] + "/holder", "w").write(str(os.getpid()))
while not os.path.exists(sys.argv[1] + "/go"):
    time.sleep(0.2)
fds = [os.open("/dev/null", os.O_RDONLY) for _ in range(57)]
open(sys.argv[1] + "/opened", "w").write(str(len(os.listdir("/proc/self/fd"))))
time.sleep(90)' "$tmp" &
holder=$!
"$TRIAGE" serve --textfile "$tmp" -i 0.5 --count 400 2>"$tmp/err" &
serve=$!
# two windows with the holder asleep (carried), then it opens its descriptors
for _ in $(seq 600); do [ -s "$tmp/triage.prom" ] && break; sleep 0.1; done
w=$(stat -c %Y "$tmp/triage.prom" 2>/dev/null); sleep 1.2
touch "$tmp/go"
found=0
for _ in $(seq 600); do
	grep -q "^triage_finding{id=\"fd.near_limit\",resource=\"pid:$(cat "$tmp/holder")\"" "$tmp/triage.prom" 2>/dev/null &&
		{ found=1; break; }
	sleep 0.1
done
echo "$found" >"$tmp/found"
kill "$serve" "$holder"; kill $(jobs -p) 2>/dev/null; wait 2>/dev/null
INNER
TRIAGE=$TRIAGE unshare -npf --mount-proc bash "$tmp/inner.sh" "$tmp"
[ -s "$tmp/opened" ] || fail "the holder did not open its descriptors"
expect_eq "fd.near_limit names the holder after it opened $(cat "$tmp/opened" 2>/dev/null) of 64" "$(cat "$tmp/found")" 1
grep -q -E 'Sanitizer|runtime error' "$tmp/err" && fail "sanitizer: $(cat "$tmp/err")"
done_test
