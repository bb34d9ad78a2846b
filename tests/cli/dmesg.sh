# triage dmesg on a fixture dev/kmsg, against util-linux dmesg on the same
# records (fixture fed through an LD_PRELOAD shim, and records this test
# writes to the live /dev/kmsg), bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/kmsg
tmp=$(mktemp -d /tmp/triage-dmesg.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# fixture: 13 record lines, one malformed (skipped), dictionary lines not printed,
# kernel escapes decoded then printed as util-linux 2.38 does: \x0a -> a new
# line indented under the message, tab and backslash raw, ESC/controls/DEL/C1
# and bytes not valid UTF-8 as \xNN, valid UTF-8 raw; a message ending in
# \x0a prints an empty line.
expect_golden dmesg_fixture.txt $TRIAGE dmesg --root "$F"
expect_golden dmesg_fixture_x_err.txt $TRIAGE dmesg --root "$F" -x --level err+
expect_golden dmesg_fixture_x_info.txt $TRIAGE dmesg --root "$F" -x --level info,warn
expect_golden dmesg_fixture_tail.json $TRIAGE dmesg --root "$F" --tail 3 --json
js=$($TRIAGE dmesg --root "$F" --json)
echo "$js" | json_ok || fail "json invalid"
expect_eq "json records" "$(echo "$js" | jq '.records | length')" 12
expect_eq "json dict" "$(echo "$js" | jq -r '.records[5].dict.SUBSYSTEM')" pci
expect_eq "json escape" "$(echo "$js" | jq '.records[6].message')" '"tab\tand backslash \\ and esc \u001b[31m red"'
expect_eq "json multi-line" "$(echo "$js" | jq '.records[7].message')" \
	'"amd_pstate: The CPPC feature is supported but currently disabled by the BIOS.\nPlease enable it if your BIOS has the CPPC option.\n\tindented third line"'
expect_eq "levels warn" "$($TRIAGE dmesg --root "$F" -l warn | wc -l)" 5	# 4 records, one ends in \n
expect_eq "levels +info" "$($TRIAGE dmesg --root "$F" -l +info | wc -l)" 7	# 5 records, one of 3 lines
# -T: fixture booted 12360 s before now; the record at 12345.678901 s is ~14 s ago
t=$($TRIAGE dmesg --root "$F" -T --tail 1 --json | jq .records[0].wall_time)
expect_near "-T wall time" "$t" "$(( $(date +%s) - 15 ))" 2
# -T: continuation lines indented by the width of "[Thu Dec  3 12:35:27 2026] " (27)
cont=$($TRIAGE dmesg --root "$F" -T -l info | grep -a 'Please enable')
expect_eq "-T indent" "${cont%%Please*}" "$(printf '%27s' '')"

# util-linux dmesg on the same bytes: the fixture (without its malformed line,
# which util-linux prints as an empty line and we skip) handed out one record
# per read() by tests/progs/kmsg_feed.so. Deliberate differences, rewritten
# in util-linux's output before comparing: CR and the bidi override U+202E,
# which util-linux prints raw, we print as \x0d and \xe2\x80\xae.
SHIM=$TRIAGE_SRC/.output/progs/kmsg_feed.so
if [ -f "$SHIM" ] && command -v dmesg >/dev/null; then
	mkdir -p "$tmp/r/dev" "$tmp/r/proc"
	grep -av '^garbage' "$F/dev/kmsg" >"$tmp/r/dev/kmsg"
	cp "$F/proc/uptime" "$tmp/r/proc/uptime"
	ul() { KMSG_FEED=$tmp/r/dev/kmsg LD_PRELOAD=$SHIM LC_ALL=C.UTF-8 dmesg "$@" |
		sed -e 's/\r/\\x0d/g' -e 's/\xe2\x80\xae/\\xe2\\x80\\xae/g'; }
	ulT() { sed -e 's/^\(kern  :info  : \)\?\[[A-Z][a-z][a-z] [^]]*\] /\1[T] /'; }
	theirs=$(ul); expect_eq "util-linux lines" "$(echo "$theirs" | wc -l)" 15
	expect_eq "util-linux fixture" "$($TRIAGE dmesg --root "$tmp/r")" "$theirs"
	expect_eq "util-linux fixture -x" "$($TRIAGE dmesg --root "$tmp/r" -x)" "$(ul -x)"
	expect_eq "util-linux fixture -l" "$($TRIAGE dmesg --root "$tmp/r" -l info,warn)" "$(ul -l info,warn)"
	expect_eq "util-linux fixture -T" "$($TRIAGE dmesg --root "$tmp/r" -T -l info | ulT)" "$(ul -T -l info | ulT)"
	# -r: util-linux 2.38 prints facility | level for the prefix (glibc's
	# LOG_MAKEPRI no longer shifts), so user.warn (12) shows as <5>; we print
	# the priority itself: compared without that record
	expect_eq "util-linux fixture -r" "$($TRIAGE dmesg --root "$tmp/r" -r | grep -v '^<12>')" \
		"$(ul -r | grep -v 'user-space message')"
	expect_eq "util-linux fixture -r indent" "$($TRIAGE dmesg --root "$tmp/r" -r | grep -a 'Please enable')" \
		"$(printf '%18s' '')Please enable it if your BIOS has the CPPC option."
	expect_eq "util-linux fixture -x -T" "$($TRIAGE dmesg --root "$tmp/r" -x -T -l info | ulT)" \
		"$(ul -x -T -l info | ulT)"
else
	skip_part "util-linux on the fixture: no dmesg or no $SHIM (make progs)"
fi

# live: records this test writes to /dev/kmsg (one per write; the kernel escapes
# them as it would any message), picked out of both tools' output by a tag, so
# nothing else in this machine's kernel log matters.
tag="triage-test-$$-$RANDOM"
# each ends in a newline: the kernel keeps a record without one open (for a
# continuation) and readers do not see it yet
klog() { printf '%s\n' "$1" >/dev/kmsg 2>/dev/null; }
if command -v dmesg >/dev/null && dmesg >/dev/null 2>&1 && [ -w /dev/kmsg ] &&
	klog "<3>$tag: err one" && klog "<4>$tag: warn tab	here esc $(printf '\033')[1m back\\slash" &&
	klog "<6>$tag: info utf8 é ctl $(printf '\001') del $(printf '\177')" && klog "<13>$tag: user notice"; then
	ours() { $TRIAGE dmesg "$@" | grep -a -- "$tag"; }
	theirs() { LC_ALL=C.UTF-8 dmesg "$@" | grep -a -- "$tag"; }
	o=$(ours)
	expect_eq "live records" "$(echo "$o" | wc -l)" 4
	expect_eq "live escapes" "$(echo "$o" | sed -n 2p | sed 's/^\[[^]]*\] //')" \
		"$tag: warn tab	here esc \x1b[1m back\slash"
	expect_eq "live utf8/ctl" "$(echo "$o" | sed -n 3p | sed 's/^\[[^]]*\] //')" "$tag: info utf8 é ctl \x01 del \x7f"
	expect_eq "live same" "$o" "$(theirs)"
	expect_eq "live level" "$(ours -l err,warn)" "$(theirs -l err,warn)"
	expect_eq "live level count" "$(ours -l err,warn | wc -l)" 2
	expect_eq "live -x" "$(ours -x)" "$(theirs -x)"
	expect_eq "live -x user" "$(ours -x | grep -c '^user  :notice: ')" 1
	# -T: same seconds up to rounding of the boot time (1 s)
	a=$(date -d "$(ours -T | tail -1 | sed 's/^\[\([^]]*\)\].*/\1/')" +%s)
	b=$(date -d "$(theirs -T | tail -1 | sed 's/^\[\([^]]*\)\].*/\1/')" +%s)
	expect_near "live -T" "$a" "$b" 1
	expect_near "live -T now" "$a" "$(date +%s)" 5
else
	skip_part "live comparison: cannot read the log with dmesg or write /dev/kmsg (not root?)"
fi
# without privileges, with kernel.dmesg_restrict=1: one clear message, exit 1
if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/kernel/dmesg_restrict)" = 1 ] && command -v setpriv >/dev/null; then
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE dmesg 2>&1 >/dev/null); rc=$?
	expect_eq "unprivileged exit" "$rc" 1
	case $err in *dmesg_restrict=1*) ;; *) fail "unprivileged message: $err" ;; esac
else
	skip_part "unprivileged read: needs root and kernel.dmesg_restrict=1"
fi
expect_eq "-r user facility" "$($TRIAGE dmesg --root "$F" -r | grep -c '^<12>\[    3.000000\] user-space')" 1
# bad input
expect_exit 2 $TRIAGE dmesg -r -x
expect_exit 2 $TRIAGE dmesg -r -T
expect_exit 2 $TRIAGE dmesg --bogus
expect_exit 2 $TRIAGE dmesg --level loud
expect_exit 2 $TRIAGE dmesg --tail -3
expect_exit 2 $TRIAGE dmesg --tail x
expect_exit 2 $TRIAGE dmesg extra
expect_exit 1 $TRIAGE dmesg --root /nonexistent
mkdir -p "$tmp/empty/proc"
expect_exit 1 $TRIAGE dmesg --root "$tmp/empty"
expect_exit 0 $TRIAGE dmesg --help
done_test
