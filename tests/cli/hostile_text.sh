# Untrusted text stays text (issue 7): a process named with terminal escapes,
# quotes and <script>, with a command line of invalid UTF-8, appears escaped in
# top -b, pidstat, triage pid and the report's --json (valid JSON), and hostile
# frame names stay well-formed in the flame-graph SVG.
. "$TRIAGE_SRC/tests/lib.sh"
dir=$(mktemp -d /tmp/triage-hostile.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
# comm is the first 15 bytes of the file name: ESC [31m < s > & " ' and 0xff
evil=$'\e[31m<s>&"\'\xff'
cp "$(command -v sleep)" "$dir/$evil"
( exec -a $'\xff\xfe\e]0;pwned\a<script>alert(1)</script>' "$dir/$evil" 120 ) &	# killed at the end; long enough for a loaded machine
pid=$!
sleep 0.3
grep -q $'\e' "/proc/$pid/comm" || skip "could not give the process a hostile name"
no_raw() {  # WHAT OUTPUT: no ESC, BEL or other C0 control except newline/tab
	if printf '%s' "$2" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]'; then
		fail "$1: raw control bytes in output"
	fi
}
out=$($TRIAGE top -b -n 1 -w 512 -p "$pid" 2>&1)
no_raw "top -b" "$out"
echo "$out" | grep -qF '\e[31m<s>&"'"'"'\xff' || fail "top -b: escaped name missing: $out"
js=$($TRIAGE top -b -n 1 -p "$pid" --json 2>&1)
echo "$js" | json_ok || fail "top --json invalid: $js"
no_raw "top --json" "$js"
out=$($TRIAGE pidstat -l -p "$pid" 2>&1)
no_raw "pidstat -l" "$out"
echo "$out" | grep -qF '\xff\xfe\e]0;pwned\x07<script>' || fail "pidstat -l: escaped cmdline missing: $out"
out=$($TRIAGE pidstat -p "$pid" --json 2>&1)
echo "$out" | json_ok || fail "pidstat --json invalid: $out"
out=$($TRIAGE pid "$pid" 2>&1)
no_raw "pid" "$out"
out=$($TRIAGE pid "$pid" --json 2>&1)
echo "$out" | json_ok || fail "pid --json invalid"
no_raw "pid --json" "$out"
out=$($TRIAGE -d 1 --pid "$pid" --json 2>/dev/null)
echo "$out" | json_ok || fail "triage --json invalid: $(echo "$out" | python3 -c "import json,sys; json.load(sys.stdin)" 2>&1 | tail -1)"
no_raw "triage --json" "$out"
# flame graph: hostile frames from folded input
printf '%s\n' $'main;\e[2J<script>alert("x")</script>;a&b\xff 7' $'main;\'q\' 3' >"$dir/folded"
svg=$($TRIAGE flamegraph "$dir/folded")
no_raw "flamegraph" "$svg"
printf '%s' "$svg" | python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())' \
	|| fail "flamegraph SVG is not well-formed XML"
printf '%s' "$svg" | grep -q '<script>alert' && fail "flamegraph: frame name not escaped"
printf '%s' "$svg" | grep -qF '&lt;script&gt;alert' || fail "flamegraph: escaped frame missing"
done_test
