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
# live, bracketed by /proc/pressure read just before and just after our run
# (exact, whatever the load): every total= we report lies between the two
# readings; avg10 (updated every 2 s) equals one of the two; the stall time
# we measured fits in the outer window (rounding: 2 decimals of % over 0.3 s).
if [ -r /proc/pressure/cpu ]; then
	before=$(for r in cpu memory io; do awk -v r=$r '/^some/ {sub("avg10=", "", $2); sub("total=", "", $5); print r, $2, $5}' /proc/pressure/$r; done)
	js=$($TRIAGE psi --json 0.3 1)
	after=$(for r in cpu memory io; do awk -v r=$r '/^some/ {sub("avg10=", "", $2); sub("total=", "", $5); print r, $2, $5}' /proc/pressure/$r; done)
	echo "$js" | json_ok || fail "live json invalid"
	for res in cpu memory io; do
		i=$(echo "$js" | jq "[.reports[0].resources[].name] | index(\"$res\")")
		read -r _ a0 t0 <<<"$(echo "$before" | grep "^$res ")"
		read -r _ a1 t1 <<<"$(echo "$after" | grep "^$res ")"
		tot=$(echo "$js" | jq ".reports[0].resources[$i].some.total_us")
		avg=$(echo "$js" | jq ".reports[0].resources[$i].some.avg10")
		pctv=$(echo "$js" | jq ".reports[0].resources[$i].some.stall_pct")
		dt=$(echo "$js" | jq ".reports[0].interval_s")
		echo "live $res: total $t0 <= $tot <= $t1, avg10 $avg in {$a0, $a1}, stall $pctv % over $dt s"
		awk -v a="$t0" -v b="$tot" -v c="$t1" 'BEGIN { exit !(a <= b && b <= c) }' ||
			fail "live $res total $tot not within [$t0, $t1]"
		awk -v x="$avg" -v a="$a0" -v b="$a1" 'BEGIN { exit !(x == a || x == b) }' ||
			fail "live $res avg10 $avg is neither $a0 nor $a1"
		awk -v p="$pctv" -v d="$dt" -v a="$t0" -v c="$t1" \
			'BEGIN { exit !(p >= 0 && p <= 100 && p / 100 * d * 1e6 <= c - a + 0.01 / 100 * d * 1e6 + 10000) }' ||
			fail "live $res stall $pctv % over $dt s exceeds the outer window's $((t1 - t0)) us"
	done
	expect_near "live interval" "$(echo "$js" | jq '.reports[0].interval_s')" 0.3 0.05
else
	skip_part "live: no /proc/pressure here (the fixtures above cover the parser and the rates)"
fi
done_test
