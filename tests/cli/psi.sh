# triage psi on fixtures (goldens), bad input, and live against /proc/pressure.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/psi
# Hand-computed (t0 -> t1 is 1.00 s of uptime): cpu some (4898980-4648980) us
# = 250000 us / 1e6 us = 25.00 %; memory some 50000 -> 5.00 %, full 20000 ->
# 2.00 %; io some 1000400 -> 100.04 % capped at 100.00, full 900000 -> 90.00 %;
# irq full 10000 -> 1.00 %.
expect_golden psi_fixture.txt $TRIAGE psi --root "$F/t0,$F/t1"
expect_golden psi_fixture.json $TRIAGE psi --json --root "$F/t0,$F/t1"
js=$($TRIAGE psi --json --root "$F/t0,$F/t1")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json cpu some stall" "$(echo "$js" | jq '.reports[0].resources[0].some.stall_pct')" "25"
expect_eq "json io some capped" "$(echo "$js" | jq '.reports[0].resources[2].some.stall_pct')" "100"
expect_eq "json irq full" "$(echo "$js" | jq '.reports[0].resources[3].full.stall_pct')" "1"
expect_eq "json irq some absent" "$(echo "$js" | jq '.reports[0].resources[3].some')" "null"
# no irq file, cpu without "full" (kernel < 5.13), one snapshot: no interval
expect_golden psi_noirq.txt $TRIAGE psi --root "$FIX/psi_noirq/t0"
expect_eq "noirq json" "$($TRIAGE psi --json --root "$FIX/psi_noirq/t0" | jq -c '.reports[0].resources[3] | [.available, .reason != null]')" "[false,true]"
# no /proc/pressure at all: one clear message, exit 1
expect_exit 1 $TRIAGE psi --root "$FIX/psi_none/t0"
msg=$($TRIAGE psi --root "$FIX/psi_none/t0" 2>&1 >/dev/null)
expect_eq "no psi message" "$msg" "triage: psi: cannot read $FIX/psi_none/t0/proc/pressure: PSI not available in this kernel (no pressure file: CONFIG_PSI=n or psi=0)"
# bad input
expect_exit 2 $TRIAGE psi --bogus
expect_exit 2 $TRIAGE psi 0
expect_exit 2 $TRIAGE psi 1 -3
expect_exit 2 $TRIAGE psi 1 2 3
expect_exit 1 $TRIAGE psi --root /nonexistent
expect_exit 0 $TRIAGE psi --help
# live: the avg10 of each resource agrees with /proc/pressure read right after
# (avg10 moves by at most a few points in 0.3 s), and the interval stall %
# agrees with the total= delta we compute from /proc/pressure around the run
# (tolerance 5 points: the two windows differ by the process start-up).
if [ -r /proc/pressure/cpu ]; then
	t0=$(awk '/^some/ {sub("total=", "", $5); print $5}' /proc/pressure/cpu); u0=$(cut -d' ' -f1 /proc/uptime)
	js=$($TRIAGE psi --json 0.3 1)
	t1=$(awk '/^some/ {sub("total=", "", $5); print $5}' /proc/pressure/cpu); u1=$(cut -d' ' -f1 /proc/uptime)
	echo "$js" | json_ok || fail "live json invalid"
	for res in cpu memory io; do
		i=$(echo "$js" | jq "[.reports[0].resources[].name] | index(\"$res\")")
		ours=$(echo "$js" | jq ".reports[0].resources[$i].some.avg10")
		theirs=$(awk '/^some/ {sub("avg10=", "", $2); print $2}' /proc/pressure/$res)
		expect_near "live $res some avg10" "$ours" "$theirs" 5
	done
	ours=$(echo "$js" | jq '.reports[0].resources[0].some.stall_pct')
	theirs=$(awk -v a="$t0" -v b="$t1" -v x="$u0" -v y="$u1" 'BEGIN { p = (b - a) / ((y - x) * 1e6) * 100; if (p > 100) p = 100; printf "%.2f", p }')
	expect_near "live cpu some stall%" "$ours" "$theirs" 5
	expect_near "live interval" "$(echo "$js" | jq '.reports[0].interval_s')" 0.3 0.05
else
	echo "no /proc/pressure: live part skipped"
fi
done_test
