# triage dmesg on a fixture dev/kmsg, live against util-linux dmesg, bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/kmsg
# fixture: 11 record lines, one malformed (skipped), dictionary lines not printed,
# kernel escapes decoded then re-escaped for the terminal (\x1b -> \e, \x5c -> \\)
expect_golden dmesg_fixture.txt $TRIAGE dmesg --root "$F"
expect_golden dmesg_fixture_x_err.txt $TRIAGE dmesg --root "$F" -x --level err+
expect_golden dmesg_fixture_tail.json $TRIAGE dmesg --root "$F" --tail 3 --json
js=$($TRIAGE dmesg --root "$F" --json)
echo "$js" | json_ok || fail "json invalid"
expect_eq "json records" "$(echo "$js" | jq '.records | length')" 10
expect_eq "json dict" "$(echo "$js" | jq -r '.records[5].dict.SUBSYSTEM')" pci
expect_eq "json escape" "$(echo "$js" | jq '.records[6].message')" '"tab\tand backslash \\ and esc \u001b[31m red"'
expect_eq "levels warn" "$($TRIAGE dmesg --root "$F" -l warn | wc -l)" 3
expect_eq "levels +info" "$($TRIAGE dmesg --root "$F" -l +info | wc -l)" 4
# -T: fixture booted 12360 s before now; the record at 12345.678901 s is ~14 s ago
t=$($TRIAGE dmesg --root "$F" -T --tail 1 --json | jq .records[0].wall_time)
expect_near "-T wall time" "$t" "$(( $(date +%s) - 15 ))" 2
# live: the same lines as util-linux dmesg (the log may grow between the two runs)
if command -v dmesg >/dev/null && dmesg >/dev/null 2>&1; then
	ours=$($TRIAGE dmesg | tail -20); theirs=$(dmesg | tail -20)
	expect_eq "live tail" "$(echo "$ours" | head -15)" "$(echo "$theirs" | head -15)"
	expect_eq "live level" "$($TRIAGE dmesg -l err,warn | head -20)" "$(dmesg -l err,warn | head -20)"
	expect_eq "live -x" "$($TRIAGE dmesg -x | head -20)" "$(dmesg -x | head -20)"
	# -T: same seconds up to rounding of the boot time (1 s)
	a=$(date -d "$($TRIAGE dmesg -T --tail 1 | sed 's/^\[\([^]]*\)\].*/\1/')" +%s)
	b=$(date -d "$(dmesg -T | tail -1 | sed 's/^\[\([^]]*\)\].*/\1/')" +%s)
	expect_near "live -T" "$a" "$b" 1
	# without privileges, with kernel.dmesg_restrict=1: one clear message, exit 1
	if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/kernel/dmesg_restrict)" = 1 ] && command -v setpriv >/dev/null; then
		err=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE dmesg 2>&1 >/dev/null); rc=$?
		expect_eq "unprivileged exit" "$rc" 1
		case $err in *dmesg_restrict=1*) ;; *) fail "unprivileged message: $err" ;; esac
	fi
fi
# bad input
expect_exit 2 $TRIAGE dmesg --bogus
expect_exit 2 $TRIAGE dmesg --level loud
expect_exit 2 $TRIAGE dmesg --tail -3
expect_exit 2 $TRIAGE dmesg --tail x
expect_exit 2 $TRIAGE dmesg extra
expect_exit 1 $TRIAGE dmesg --root /nonexistent
mkdir -p /tmp/triage-empty.$$/proc
expect_exit 1 $TRIAGE dmesg --root /tmp/triage-empty.$$
rm -rf /tmp/triage-empty.$$
expect_exit 0 $TRIAGE dmesg --help
done_test
