# timeout: 60
# triage slabtop: a fixture with hand-computed figures, sort keys, escaped
# names, bad input, not-root, and live against procps slabtop -o.
. "$TRIAGE_SRC/tests/lib.sh"
S=$FIX/slab
st() { $TRIAGE slabtop "$@" --root "$S" 2>&1; }
# by hand: objects 100+150+0+1 / 128+210+0+4 = 251/342 = 73.4 %; slabs 13/13;
# caches with objects 3 of 4; size 100*64+150*192+8192 = 43392 B = 42.38K of
# 128*64+210*192+4*8192 = 81280 B = 79.38K (53.4 %); object 8 B / 81280/342 =
# 237.7 B / 8192 B
expect_eq "objects" "$(st | sed -n 1p)" " Active / Total Objects (% used)    : 251 / 342 (73.4%)"
expect_eq "slabs" "$(st | sed -n 2p)" " Active / Total Slabs (% used)      : 13 / 13 (100.0%)"
expect_eq "caches" "$(st | sed -n 3p)" " Active / Total Caches (% used)     : 3 / 4 (75.0%)"
expect_eq "size" "$(st | sed -n 4p)" " Active / Total Size (% used)       : 42.38K / 79.38K (53.4%)"
expect_eq "object" "$(st | sed -n 5p)" " Minimum / Average / Maximum Object : 0.01K / 0.23K / 8.00K"
expect_eq "header" "$(st | sed -n 7p)" "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME"
# dentry: 150*100/210 = 71 %, 10 slabs x 1 page x 4 KiB = 40K
expect_eq "dentry" "$(st | sed -n 8p)" "   210    150  71%    0.19K     10       21        40K dentry"
expect_eq "sort o" "$(st | awk 'NR > 7 {print $NF}' | tr '\n' ' ')" 'dentry kmalloc-64 bad\e[31mname empty_cache '
expect_eq "sort n" "$(st -o -s n | awk 'NR > 7 {print $NF}' | tr '\n' ' ')" 'bad\e[31mname dentry empty_cache kmalloc-64 '
expect_eq "sort c" "$(st -s c | awk 'NR > 7 {print $NF}' | head -1)" "dentry"
expect_eq "sort s" "$(st -s s | awk 'NR > 7 {print $NF}' | head -1)" 'bad\e[31mname'
expect_eq "sort u" "$(st -s u | awk 'NR > 7 {print $NF}' | head -1)" "kmalloc-64"
st | LC_ALL=C grep -q $'\x1b' && fail "raw escape in the text"
js=$($TRIAGE slabtop --json --root "$S")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json" "$(echo "$js" | jq -c '[.summary.active_objs, .summary.total_objs, .summary.total_caches, .caches[0].name, .caches[0].cache_size_kb, .caches[2].name]')" \
	'[251,342,4,"dentry",40,"bad\u001b[31mname"]'
echo "$js" | LC_ALL=C grep -q $'\x1b' && fail "raw escape in the JSON"

expect_exit 2 $TRIAGE slabtop -s x
expect_exit 2 $TRIAGE slabtop -s oo
expect_exit 2 $TRIAGE slabtop --bogus
expect_exit 2 $TRIAGE slabtop extra
expect_exit 0 $TRIAGE slabtop --help
expect_exit 1 $TRIAGE slabtop --root /nonexistent
E=/tmp/smalltools-slab.$$
mkdir -p $E/proc
expect_exit 1 $TRIAGE slabtop --root $E
echo "slabinfo - version: 1.1" >$E/proc/slabinfo
expect_exit 1 $TRIAGE slabtop --root $E
printf 'slabinfo - version: 2.1\nshort 1 2\n' >$E/proc/slabinfo
expect_exit 1 $TRIAGE slabtop --root $E
rm -rf $E

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	msg=$(setpriv --reuid=nobody --regid=nogroup --clear-groups $TRIAGE slabtop 2>&1); rc=$?
	expect_eq "not root exit" "$rc" "1"
	echo "$msg" | grep -q "root only" || fail "not root message: $msg"
	expect_eq "not root one line" "$(echo "$msg" | wc -l)" "1"
else
	skip_part "not-root check needs root, nobody and setpriv"
fi

# live: the summary as procps slabtop -o prints it, read at (nearly) once
if [ "$(id -u)" = 0 ] && command -v slabtop >/dev/null; then
	a=$($TRIAGE slabtop -o); b=$(slabtop -o)
	expect_eq "live caches" "$(echo "$a" | sed -n 3p | awk '{print $8}')" "$(echo "$b" | sed -n 3p | awk '{print $8}')"
	expect_eq "live min/max" "$(echo "$a" | sed -n 5p | awk '{print $7, $11}')" "$(echo "$b" | sed -n 5p | awk '{print $7, $11}')"
	ta=$(echo "$a" | sed -n 1p | awk '{print $8}'); tb=$(echo "$b" | sed -n 1p | awk '{print $8}')
	expect_near "live total objects" "$ta" "$tb" "$((tb / 20 + 100))"
	sa=$(echo "$a" | sed -n 2p | awk '{print $8}'); sb=$(echo "$b" | sed -n 2p | awk '{print $8}')
	expect_near "live total slabs" "$sa" "$sb" "$((sb / 20 + 10))"
	expect_eq "live columns" "$(echo "$a" | sed -n 7p)" "$(echo "$b" | sed -n 7p | sed 's/ *$//')"
	# the biggest cache by objects is the same one (unless two are within 5 %)
	n=$(echo "$b" | awk 'NR == 8 {print $NF}')
	echo "$a" | awk 'NR >= 8 && NR <= 10 {print $NF}' | grep -qx -- "$n" || fail "live top cache: $n not in triage's first three"
else
	skip_part "live comparison needs root and procps slabtop"
fi
done_test
