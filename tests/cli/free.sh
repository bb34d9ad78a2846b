# triage free: fixtures vs golden files (values checked by hand in
# tests/unit/test_model_mem.c and below), bad input, and live against procps free.
. "$TRIAGE_SRC/tests/lib.sh"
fr() { $TRIAGE free "$@" 2>&1; }
for c in cpu2 swap oldkernel; do
	R=$FIX/$c/t1
	expect_golden free-$c.txt fr --root "$R"
	expect_golden free-$c-w.txt fr -w --root "$R"
	expect_golden free-$c-h.txt fr -h --root "$R"
	expect_golden free-$c-m-t-v-l.txt fr -m -t -v -l --root "$R"
	expect_golden free-$c.json fr --json --root "$R"
done
expect_golden free-swap-si.txt fr -h --si --root "$FIX/swap/t1"
expect_golden free-swap-replay.txt fr --giga --root "$FIX/swap/t0,$FIX/swap/t1"

# swap/t1 by hand: used = 2013532 - 150000 = 1863532, buff/cache = 4096 + 120000
# + 30000 = 154096, swap used = 4194300 - 3143676 = 1050624
expect_eq "swap mem" "$($TRIAGE free --root "$FIX/swap/t1" | awk '/^Mem:/ {print $3, $6}')" "1863532 154096"
expect_eq "swap swap" "$($TRIAGE free --root "$FIX/swap/t1" | awk '/^Swap:/ {print $2, $3, $4}')" "4194300 1050624 3143676"
# Comm: 5201064 - 6000000 = -798936 kB
expect_eq "swap comm" "$($TRIAGE free -v --root "$FIX/swap/t1" | awk '/^Comm:/ {print $4}')" "-798936"
# 2.6.18 without MemAvailable: available = MemFree = 1000000, used = 3046844
expect_eq "old mem" "$($TRIAGE free --root "$FIX/oldkernel/t1" | awk '/^Mem:/ {print $3, $7}')" "3046844 1000000"
js=$($TRIAGE free --json --root "$FIX/swap/t1")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json used" "$(echo "$js" | jq '.samples[0].mem.used')" "1863532"
expect_eq "json swap" "$(echo "$js" | jq '.samples[0].swap.used')" "1050624"
expect_eq "count 2" "$($TRIAGE free -c 2 -s 0.1 | grep -c '^Mem:')" "2"
expect_eq "count 2 blank" "$($TRIAGE free -c 2 -s 0.1 | grep -c '^$')" "1"

# combined short options parse as procps's getopt does: -wh is -w -h (the
# usage text before), -hlt is -h -l -t; --help alone is the help
S=$FIX/swap/t1
expect_eq "-wh" "$(fr -wh --root "$S")" "$(fr -w -h --root "$S")"
expect_eq "-wh wide human" "$(fr -wh --root "$S" | awk 'NR == 1 {print $5} /^Swap:/ {print $2}' | tr '\n' ' ')" "buffers 4.0Gi "
expect_eq "-hlt" "$(fr -hlt --root "$S")" "$(fr -h -l -t --root "$S")"
expect_eq "-hlt lines" "$(fr -hlt --root "$S" | awk '{print $1}' | tr '\n' ' ')" "total Mem: Low: High: Swap: Total: "
expect_eq "--help" "$(fr --help | head -1 | cut -d' ' -f1)" "Usage:"

# bad input
expect_exit 2 $TRIAGE free --bogus
expect_exit 2 $TRIAGE free -m -g
expect_exit 2 $TRIAGE free -s abc
expect_exit 2 $TRIAGE free -s -1
expect_exit 2 $TRIAGE free -c 0
expect_exit 2 $TRIAGE free -c -3
expect_exit 2 $TRIAGE free extra
expect_exit 1 $TRIAGE free --root /nonexistent
E=/tmp/triage-free-empty.$$
mkdir -p $E/proc
expect_exit 1 $TRIAGE free --root $E
echo "MemFree: x kB" >$E/proc/meminfo
expect_exit 1 $TRIAGE free --root $E
rm -rf $E
expect_exit 0 $TRIAGE free --help

# live: same layout as procps; totals identical, the rest within 3 % of
# MemTotal (other agents' builds allocate and free while the two tools run)
if command -v free >/dev/null; then
	tol=$(awk '/^MemTotal:/ {t = $2 * 0.03; print (t > 65536 ? t : 65536)}' /proc/meminfo)
	for o in "" -w -t; do
		ours=$($TRIAGE free $o); theirs=$(free $o)
		expect_eq "live header $o" "$(echo "$ours" | head -1)" "$(echo "$theirs" | head -1)"
		expect_eq "live total $o" "$(echo "$ours" | awk '/^Mem:/ {print $2}')" "$(echo "$theirs" | awk '/^Mem:/ {print $2}')"
		for k in 3 4 6 7; do
			expect_near "live col $k $o" "$(echo "$ours" | awk -v k=$k '/^Mem:/ {print $k}')" \
				"$(echo "$theirs" | awk -v k=$k '/^Mem:/ {print $k}')" "$tol"
		done
		expect_eq "live swap $o" "$(echo "$ours" | awk '/^Swap:/ {print $2}')" "$(echo "$theirs" | awk '/^Swap:/ {print $2}')"
	done
	expect_eq "live -h total" "$($TRIAGE free -h | awk '/^Mem:/ {print $2}')" "$(free -h | awk '/^Mem:/ {print $2}')"
	expect_eq "live -g" "$($TRIAGE free -g | awk '/^Mem:/ {print $2}')" "$(free -g | awk '/^Mem:/ {print $2}')"
else
	skip_part "live: procps free not installed (make deps)"
fi
done_test
