# timeout: 60
# triage pmap: a fixture with hand-computed totals, escaped names, bad input,
# and live against procps pmap / pmap -x of a test process of its own.
. "$TRIAGE_SRC/tests/lib.sh"
R=$FIX/pmap
pm() { $TRIAGE pmap "$@" 2>&1; }
# by hand: Kbytes 8+20+132+64+8+1024+132 = 1388, RSS 8+20+16+64+8+8+12 = 136,
# Dirty (shared + private) 0+0+16+64+0+8+12 = 100
expect_eq "-x total" "$(pm -x --root "$R" 4242 | tail -1)" "total kB            1388     136     100"
expect_eq "total" "$(pm --root "$R" 4242 | tail -1)" " total             1388K"
expect_eq "-x header" "$(pm -x --root "$R" 4242 | sed -n 2p)" "Address           Kbytes     RSS   Dirty Mode  Mapping"
expect_eq "banner" "$(pm --root "$R" 4242 | head -1)" '4242:   prog --name=\e]0;x\x07'
expect_eq "heap" "$(pm -x --root "$R" 4242 | sed -n 5p)" "0000555555560000     132      16      16 rw---   [ anon ]"
expect_eq "shared file" "$(pm -x --root "$R" 4242 | sed -n 6p)" '00007f0000000000      64      64      64 rw-s- map\e[31mfile'
expect_eq "deleted" "$(pm --root "$R" 4242 | sed -n 6p)" "00007f0000010000      8K r--s- gone (deleted)"
expect_eq "stack" "$(pm --root "$R" 4242 | sed -n 8p)" "00007ffd00000000    132K rw---   [ stack ]"
pm -x --root "$R" 4242 | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' && fail "raw control bytes in the text"
js=$($TRIAGE pmap --json --root "$R" 4242)
echo "$js" | json_ok || fail "json invalid"
expect_eq "json" "$(echo "$js" | jq -c '.processes[0] | [.pid, .total.kbytes, .total.rss_kb, .total.dirty_kb, .mappings[3].mapping, .mappings[3].mode, (.mappings | length)]')" \
	'[4242,1388,136,100,"map\u001b[31mfile","rw-s-",7]'
echo "$js" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' && fail "raw control bytes in the JSON"

expect_exit 2 $TRIAGE pmap
expect_exit 2 $TRIAGE pmap abc
expect_exit 2 $TRIAGE pmap -- -5
expect_exit 2 $TRIAGE pmap 0
expect_exit 2 $TRIAGE pmap --bogus 1
expect_exit 0 $TRIAGE pmap --help
expect_exit 1 $TRIAGE pmap --root "$R" 4243
expect_exit 1 $TRIAGE pmap --root /nonexistent 1
E=/tmp/smalltools-pmap.$$
mkdir -p $E/proc/7
printf 'garbage line\n' >$E/proc/7/smaps
expect_exit 1 $TRIAGE pmap --root $E 7
rm -rf $E

# live: a process of the test's own mapping a shared file with an escape in
# its name, a deleted file and a MAP_NORESERVE region; the same lines and
# totals as procps pmap (procps prints the escape byte as '?', triage as \e)
if command -v pmap >/dev/null; then
	D=/tmp/smalltools-pmap-live.$$
	mkdir -p $D
	timeout 30 python3 "$TRIAGE_SRC/tests/cli/pmap_prog.py" $D 20 >$D/ready &
	t=$!
	for _ in $(seq 50); do grep -q ready $D/ready 2>/dev/null && break; sleep 0.1; done
	p=$(awk '{print $2}' $D/ready)
	[ -n "$p" ] || fail "the test process did not start"
	a=$($TRIAGE pmap -x $p); b=$(pmap -x $p)
	expect_eq "live -x total" "$(echo "$a" | tail -1)" "$(echo "$b" | tail -1)"
	expect_eq "live -x lines" "$(echo "$a" | grep -v 'map\\e')" "$(echo "$b" | grep -v 'map?')"
	expect_eq "live escaped" "$(echo "$a" | grep -c 'rw-s- map\\e\[31mfile$')" "1"
	a=$($TRIAGE pmap $p); b=$(pmap $p)
	expect_eq "live default" "$(echo "$a" | grep -v 'map\\e')" "$(echo "$b" | grep -v 'map?')"
	expect_eq "live json total" "$($TRIAGE pmap --json $p | jq '.processes[0].total.kbytes')" \
		"$(pmap -x $p | awk 'END {print $3}')"
	kill $t 2>/dev/null; wait $t 2>/dev/null
	rm -rf $D
	if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
		msg=$(setpriv --reuid=nobody --regid=nogroup --clear-groups $TRIAGE pmap 1 2>&1); rc=$?
		expect_eq "not ours exit" "$rc" "1"
		echo "$msg" | grep -q "permission denied" || fail "not ours message: $msg"
	fi
else
	skip_part "live comparison needs procps pmap"
fi
done_test
