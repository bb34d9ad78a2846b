# triage fds: fixture (goldens), a live process with 500 open and 20 deleted
# files compared with ls and lsof +L1, unprivileged run, bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/fds
expect_golden fds_fixture.txt $TRIAGE fds --root "$F"
expect_golden fds_fixture.json $TRIAGE fds --json --root "$F"
expect_golden fds_fixture_pid.txt $TRIAGE fds -p 100 --root "$F"
# nginx: 10 fds against a soft limit of 16 = 62.5 %; java: unlimited -> null
js=$($TRIAGE fds --json --root "$F")
echo "$js" | json_ok || fail "json invalid"
# haproxy: 200 of 256 = 78.125 -> 78.1; nginx: 10 of 16 = 62.5; java: unlimited -> null
expect_eq "fixture soft pct" "$(echo "$js" | jq -c '[.processes[].soft_pct]')" "[78.1,62.5,null]"
expect_eq "fixture unlimited" "$(echo "$js" | jq '.processes[2].nofile_soft')" null
expect_eq "fixture deleted" "$(echo "$js" | jq '.deleted | length')" 4
expect_eq "fixture vanished" "$(echo "$js" | jq '.processes_vanished')" 1
expect_eq "fixture top 1" "$($TRIAGE fds --top 1 --json --root "$F" | jq '.processes | length')" 1

# live: 500 open regular files, 20 of them deleted (4096 x (i+1) bytes each)
D=$(mktemp -d /tmp/triage-fds.XXXXXX); out=$D.out
trap 'kill $LP 2>/dev/null; rm -rf "$D" "$out"' EXIT
python3 "$TRIAGE_SRC/tests/helpers/fdload.py" 20 "$D" 500 20 >"$out" & LP=$!
for i in $(seq 50); do grep -q ready "$out" && break; sleep 0.1; done
grep -q ready "$out" || fail "fdload did not start"
js=$($TRIAGE fds -p $LP --json)
expect_eq "live fds = ls | wc -l" "$(echo "$js" | jq '.processes[0].fds')" "$(ls /proc/$LP/fd | wc -l)"
expect_eq "live deleted fds" "$(echo "$js" | jq '.processes[0].deleted')" 20
expect_eq "live deleted rows" "$(echo "$js" | jq "[.deleted[] | select(.pid==$LP and .fd>=0)] | length")" 20
# sizes: 4096 x (1 + ... + 20) = 4096 x 210 = 860160
expect_eq "live deleted bytes" "$(echo "$js" | jq "[.deleted[] | select(.pid==$LP) | .size] | add")" 860160
files=$(echo "$js" | jq '.processes[0].by_type.file')
[ "$files" -ge 500 ] || fail "live regular files: $files, want >= 500"
expect_eq "live in the system-wide list" "$($TRIAGE fds --json | jq "[.deleted[] | select(.pid==$LP)] | length")" 20
if command -v lsof >/dev/null; then
	expect_eq "live vs lsof +L1" "$(lsof -a -nP +L1 -p $LP 2>/dev/null | awk -v p=$LP '$2==p && $4 ~ /^[0-9]/' | wc -l)" 20
fi
# the text view ranks it (another agent may hold more fds) with its share of
# the soft limit: fds / soft x 100
row=$($TRIAGE fds --top 100 | awk -v p=$LP '$1 == p')
soft=$(awk '/^Max open files/ {print $4}' /proc/$LP/limits)
expect_eq "live top row pct" "$(echo "$row" | awk '{print $6}')" "$(awk -v n="$(echo "$row" | awk '{print $3}')" -v s="$soft" 'BEGIN{printf "%.1f", n * 100 / s}')"
case $row in *python3*) ;; *) fail "live top row: '$row'" ;; esac
# without privileges: another user's process is a clear error, the scan a count
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	nob() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	err=$(nob $TRIAGE fds -p $LP 2>&1 >/dev/null); rc=$?
	expect_eq "unprivileged -p exit" "$rc" 1
	case $err in *"Permission denied"*"run as root"*) ;; *) fail "unprivileged -p message: $err" ;; esac
	n=$(nob $TRIAGE fds --json | jq .processes_unreadable)
	[ "$n" -ge 1 ] || fail "unprivileged scan: unreadable $n, want >= 1"
fi
kill $LP 2>/dev/null; wait $LP 2>/dev/null

# bad input
expect_exit 2 $TRIAGE fds --bogus
expect_exit 2 $TRIAGE fds -p abc
expect_exit 2 $TRIAGE fds -p 0
expect_exit 2 $TRIAGE fds --top 0
expect_exit 2 $TRIAGE fds extra
expect_exit 1 $TRIAGE fds -p 2147483646
expect_exit 1 $TRIAGE fds --root /nonexistent
expect_exit 0 $TRIAGE fds --help
done_test
