# triage profile and flamegraph: a program with a known profile (80% in
# hot_main of the executable, 20% in lib_hot of libknown.so) as non-PIE, PIE
# and stripped PIE; a JIT with a perf map; folded -> SVG byte for byte;
# well-formed XML; hostile names in SVG and JSON; bad input.
. "$TRIAGE_SRC/tests/lib.sh"
P=$TRIAGE_SRC/.output/progs
[ -x "$P/known_profile" ] || skip "test programs not built (make progs)"
[ "$(id -u)" = 0 ] || [ "$(cat /proc/sys/kernel/perf_event_paranoid)" -le 2 ] || skip "perf_event_paranoid too high"
tmp=$(mktemp -d /tmp/triage-profile.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# share FILE AWK-REGEX: % of samples whose stack has a frame matching it
share() {
	awk -v re="$2" '{ n = $NF; t += n; s = substr($0, 1, length($0) - length(n) - 1);
		k = split(s, f, ";"); for (i = 2; i <= k; i++) if (f[i] ~ re) { m += n; break } }
		END { printf "%.1f", t ? 100 * m / t : 0 }' "$1"
}

# 1. known profile, three builds, 0.6 s of CPU each at ~2 kHz (~1200 samples)
for b in known_profile known_profile_pie; do
	$TRIAGE profile -F 1999 --format folded -o "$tmp/$b.folded" -- "$P/$b" 0.6 2>"$tmp/err" \
		|| fail "$b: exit $? ($(cat "$tmp/err"))"
	expect_near "$b hot_main %" "$(share "$tmp/$b.folded" '^hot_main$')" 80 5
	expect_near "$b lib_hot %" "$(share "$tmp/$b.folded" '^lib_hot$')" 20 5
	grep -q "^known_profile[^;]*;.*;main;hot_main " "$tmp/$b.folded" || fail "$b: no main;hot_main stack"
done
# stripped: hot_main has no name; its addresses must show as the object
# plus offsets inside hot_main's range (from nm of the unstripped PIE)
read -r lo hi < <(nm -S "$P/known_profile_pie" | awk '$4 == "hot_main" { print $1, $2 }')
$TRIAGE profile -F 1999 --format folded -o "$tmp/s.folded" -- "$P/known_profile_stripped" 0.6 2>"$tmp/err" \
	|| fail "stripped: exit $?"
in_hot=$(python3 - "$tmp/s.folded" "$lo" "$hi" <<'PY'
import sys
lo = int(sys.argv[2], 16); hi = lo + int(sys.argv[3], 16); t = m = 0
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1); n = int(n); t += n
    for f in stack.split(";")[1:]:
        if f.startswith("known_profile_stripped+0x") and lo <= int(f[25:], 16) < hi:
            m += n; break
print("%.1f" % (100.0 * m / t if t else 0))
PY
)
expect_near "stripped known_profile_stripped+0x(hot_main) %" "$in_hot" 80 5
expect_near "stripped lib_hot %" "$(share "$tmp/s.folded" '^lib_hot$')" 20 5
grep -q 'hot_main' "$tmp/s.folded" && fail "stripped: hot_main named although stripped"
# libc's .symtab from its debug package (libc6-dbg), found by build ID
libc=$(awk '$NF ~ /libc\.so\.6$/ { print $NF; exit }' /proc/self/maps)
bid=$(readelf -n "$libc" 2>/dev/null | awk '/Build ID/ { print $3 }')
if [ -n "$bid" ] && [ -f "/usr/lib/debug/.build-id/${bid:0:2}/${bid:2}.debug" ]; then
	grep -q ';__libc_start_call_main;main;' "$tmp/known_profile.folded" || fail "libc debug symbols not used"
fi

# 2. JIT: perf map names, escaped; the JIT frame has the _[j] annotation
$TRIAGE profile -F 997 --format folded -o "$tmp/jit.folded" -- "$P/jit" 0.3 2>"$tmp/err" || fail "jit: exit $?"
expect_near "jit frame %" "$(share "$tmp/jit.folded" 'jit<T>&"q.\\\\xff_\\[j\\]')" 97 4

# ... and through the SVG and JSON writers of a live profile
$TRIAGE profile --from-folded "$tmp/jit.folded" -o "$tmp/jit.svg" || fail "jit svg"
python3 - "$tmp/jit.svg" <<'PY' || fail "JIT SVG: hostile name not escaped right"
import sys, xml.dom.minidom as m
titles = [t.firstChild.data for t in m.parse(sys.argv[1]).getElementsByTagName("title")]
assert any(t.startswith("jit<T>&\"q'\\xff_[j] (") for t in titles), titles
PY
grep -q 'jit&lt;T&gt;&amp;&quot;q&#39;\\xff_\[j\]' "$tmp/jit.svg" || fail "JIT SVG raw escapes"
$TRIAGE profile --from-folded "$tmp/jit.folded" --format json | jq -e '[.stacks[].frames[] | select(. == "jit<T>&\"q'"'"'\\xff_[j]")] | length > 0' >/dev/null \
	|| fail "JIT JSON: hostile frame missing"

# 3. SVG from the profile == SVG from its folded text, byte for byte; XML ok
$TRIAGE profile -F 499 -o "$tmp/p.svg" --folded "$tmp/p.folded" -- "$P/known_profile_pie" 0.3 2>/dev/null \
	|| fail "svg profile: exit $?"
$TRIAGE flamegraph < "$tmp/p.folded" > "$tmp/q.svg" || fail "flamegraph: exit $?"
cmp -s "$tmp/p.svg" "$tmp/q.svg" || fail "SVG from folded differs from the profile's SVG"
$TRIAGE profile --from-folded "$tmp/p.folded" -o "$tmp/r.svg" || fail "--from-folded: exit $?"
cmp -s "$tmp/p.svg" "$tmp/r.svg" || fail "--from-folded SVG differs"
$TRIAGE profile --from-folded "$tmp/p.folded" --format folded | cmp -s - "$tmp/p.folded" || fail "folded round trip"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/p.svg" || fail "profile SVG is not well-formed XML"

# 4. hostile names: < > & quotes, invalid UTF-8, a control, in SVG and JSON
printf 'pr<o>c;ma&in;"q'"'"'uote";bad\377\001name 5\nother 5\n' > "$tmp/h.folded"
$TRIAGE flamegraph --title 'a<b>&"c"' "$tmp/h.folded" > "$tmp/h.svg" || fail "hostile svg: exit $?"
python3 - "$tmp/h.svg" <<'PY' || fail "hostile SVG: wrong or not well-formed"
import sys, xml.dom.minidom as m
d = m.parse(sys.argv[1])
titles = [t.firstChild.data for t in d.getElementsByTagName("title")]
want = ["pr<o>c (5 samples, 50.00%)", "ma&in (5 samples, 50.00%)", "\"q'uote\" (5 samples, 50.00%)",
        "bad\\xff\\x01name (5 samples, 50.00%)"]
for w in want:
    assert w in titles, (w, titles)
assert [t for t in d.getElementsByTagName("text") if t.getAttribute("id") == "title"][0].firstChild.data == 'a<b>&"c"'
PY
$TRIAGE profile --from-folded "$tmp/h.folded" --format json > "$tmp/h.json" || fail "hostile json: exit $?"
json_ok < "$tmp/h.json" || fail "hostile JSON invalid"
expect_eq "json hostile frames" "$(jq -c '[.stacks[] | select((.frames | length) == 4) | .frames][0]' "$tmp/h.json")" \
	'["pr<o>c","ma&in","\"q'"'"'uote\"","bad\\xff\\x01name"]'
expect_eq "json samples" "$(jq .samples "$tmp/h.json")" 10

# 5. bad input: clear message, documented status
expect_exit 2 $TRIAGE profile --format png -- true
expect_exit 2 $TRIAGE profile -F 0 -- true
expect_exit 2 $TRIAGE profile
expect_exit 2 $TRIAGE profile -a -p 1
expect_exit 2 $TRIAGE profile --kernel --user -a
expect_exit 1 $TRIAGE profile -- /nonexistent/command
msg=$($TRIAGE profile -- /nonexistent/command 2>&1 >/dev/null)
expect_eq "not found message" "$msg" "triage: profile: cannot run '/nonexistent/command': No such file or directory"
sh -c 'exit 0' & gone=$!; wait $gone
expect_exit 1 $TRIAGE profile -p "$gone" -d 0.2
printf 'a;b\n' > "$tmp/bad.folded"
expect_exit 1 $TRIAGE flamegraph "$tmp/bad.folded"
expect_exit 1 $TRIAGE profile --from-folded "$tmp/none.folded"
expect_exit 1 $TRIAGE profile --from-folded "$tmp/p.folded" -o /nonexistent/dir/x.svg

# 6. a PID that exits mid-profile: partial profile kept, exit 0
"$P/known_profile" 0.4 & kp=$!
sleep 0.05
$TRIAGE profile -p "$kp" -d 10 -F 499 --format folded -o "$tmp/mid.folded" 2>"$tmp/mid.err"; rc=$?
wait $kp
expect_eq "mid-profile exit" "$rc" 0
grep -q 'exited after' "$tmp/mid.err" || fail "mid-profile: no note ($(cat "$tmp/mid.err"))"
expect_near "mid-profile hot_main %" "$(share "$tmp/mid.folded" '^hot_main$')" 80 10

# 7. mapped files deleted or replaced since they were mapped: symbols still
# come from the mapped object (/proc/PID/map_files)
mkdir "$tmp/del"
for how in deleted replaced; do
	cp "$P/known_profile_pie" "$P/libknown.so" "$tmp/del/"
	"$tmp/del/known_profile_pie" 0.8 & kp=$!
	sleep 0.15
	if [ $how = deleted ]; then rm "$tmp/del/known_profile_pie"
	else cp "$P/ctxsw" "$tmp/del/x" && mv "$tmp/del/x" "$tmp/del/known_profile_pie"; fi
	$TRIAGE profile -p $kp -d 0.3 -F 499 --format folded -o "$tmp/$how.folded" 2>/dev/null || fail "$how: exit $?"
	kill $kp 2>/dev/null; wait $kp 2>/dev/null
	# (the window is short: the split varies, the names must not)
	expect_near "$how: hot_main or lib_hot named %" "$(share "$tmp/$how.folded" '^(hot_main|lib_hot)$')" 100 5
	grep -q 'known_profile_pie+0x' "$tmp/$how.folded" && fail "$how: unsymbolized frames"
done

# 8. no frame pointers: stacks of one frame, and the note says why
$TRIAGE profile -F 499 --format folded -o /dev/null -- "$P/known_profile_nofp" 0.3 2>"$tmp/nofp.err" || fail "nofp exit"
grep -q 'rebuild with -fno-omit-frame-pointer' "$tmp/nofp.err" || fail "no frame-pointer note: $(cat "$tmp/nofp.err")"
done_test
