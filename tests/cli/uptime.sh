# triage uptime on fixtures, live against procps, and bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/basic2cpu
# 93784.52 s = 1 day, 2:03 (hand-computed: 93784/86400 = 1 d, rem 7384 s = 2 h 3 min)
out=$(TZ=UTC $TRIAGE uptime --root "$F/t1")
expect_eq "fixture line" "$(echo "$out" | cut -c10-)" " up 1 day,  2:03,  0 user,  load average: 2.50, 1.25, 0.75"
expect_eq "pretty" "$($TRIAGE uptime -p --root "$F/t1")" "up 1 day, 2 hours, 3 minutes"
expect_eq "4 min" "$(TZ=UTC $TRIAGE uptime --root "$F/t0" | cut -c10-)" " up 4 min,  0 user,  load average: 0.01, 0.02, 0.00"
# -p as procps-ng 4.0 prints it (hand-computed): the minutes always, even 0;
# '>' comparisons, so exactly one hour is 60 minutes; a year is 365 days
P=$(mktemp -d /tmp/triage-uptime.XXXXXX); cp -r "$F/t1/." "$P/"
for c in "18000.50|up 5 hours, 0 minutes" "3600.00|up 60 minutes" "59.00|up 0 minutes" "90.00|up 1 minute" \
	 "60480000.00|up 1 year, 47 weeks, 6 days, 0 minutes" "691200.00|up 1 week, 24 hours, 0 minutes"; do
	echo "${c%%|*} 1.00" > "$P/proc/uptime"
	expect_eq "pretty ${c%%|*} s" "$($TRIAGE uptime -p --root "$P")" "${c#*|}"
done
rm -rf "$P"
# several snapshots: the last one is reported
expect_eq "replay" "$($TRIAGE uptime -p --root "$F/t0,$F/t1")" "up 1 day, 2 hours, 3 minutes"
js=$($TRIAGE uptime --json --root "$F/t1")
echo "$js" | json_ok || fail "json invalid: $js"
expect_eq "json load1" "$(echo "$js" | jq .load1)" "2.5"
expect_eq "json tasks" "$(echo "$js" | jq .tasks)" "80"
# live: same load averages and uptime minutes as procps uptime. The kernel
# updates the load every 5 s and the minute may tick between two runs: ours
# must equal procps' reading just before or just after it.
# between WHAT CMD...: output of triage CMD equals that of procps CMD run
# before or after it
between() {
	local what=$1 a o b; shift
	a=$("$@" | sed 's/.*load average: //'); o=$($TRIAGE "$@" | sed 's/.*load average: //')
	b=$("$@" | sed 's/.*load average: //')
	[ "$o" = "$a" ] || [ "$o" = "$b" ] || fail "$what: triage '$o', procps '$a' then '$b'"
}
if command -v uptime >/dev/null; then
	between "live load" uptime
	between "live pretty" uptime -p
else
	skip_part "live: procps uptime not installed"
fi
# bad input
expect_exit 2 $TRIAGE uptime --bogus
expect_exit 2 $TRIAGE uptime extra
expect_exit 1 $TRIAGE uptime --root /nonexistent
E=$(mktemp -d /tmp/triage-uptime.XXXXXX); mkdir -p "$E/proc"
expect_exit 1 $TRIAGE uptime --root "$E"
rm -rf "$E"
expect_exit 2 $TRIAGE nosuchcommand
expect_exit 0 $TRIAGE --help
expect_exit 0 $TRIAGE uptime --help
done_test
