# The flame graph in a real browser (Debian's chromium, headless): the URL
# fragment drives the SVG's own script the way a user would (mouseover on a
# frame, a search), then the DOM is dumped and checked: the details line
# shows the hovered frame's name, samples and percentage; search colours the
# matching frames and reports their total (nested matches counted once).
. "$TRIAGE_SRC/tests/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip "chromium not installed (make deps)"
tmp=$(mktemp -d /tmp/triage-browser.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# 100 samples: main 100; hot 70 (of which 10 in a recursive hot;hot);
# cold 30; a kernel frame under cold
cat > "$tmp/f.folded" <<'F'
prog;main;hot 60
prog;main;hot;hot 10
prog;main;cold 20
prog;main;cold;sys_write_[k] 10
F
$TRIAGE flamegraph --title 'Browser test' "$tmp/f.folded" > "$tmp/f.svg" || fail "flamegraph exit $?"
dom() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--no-first-run --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/f.svg#$1" 2>/dev/null
}
text_of() { grep -o "<text id=\"$1\"[^>]*>[^<]*</text>" | sed 's/<[^>]*>//g'; }

out=$(dom 'hover=%5Ecold%24&search=%5Ehot%24')
[ -n "$out" ] || skip "chromium produced no DOM (headless not usable here)"
expect_eq "hover details" "$(echo "$out" | text_of details)" "Function: cold (30 samples, 30.00%)"
# hot (70) contains hot;hot (10): 70%, not 80%
expect_eq "search total" "$(echo "$out" | text_of matched)" "Matched: 70.0%"
expect_eq "matched frames" "$(echo "$out" | grep -o '<g [^>]*class="match"' | wc -l)" 2
expect_eq "match colour" "$(echo "$out" | grep -c 'fill="rgb(230,0,230)"')" 2

out=$(dom 'search=_%5C%5Bk%5C%5D%24&hover=sys_write')
expect_eq "kernel search" "$(echo "$out" | text_of matched)" "Matched: 10.0%"
expect_eq "kernel hover" "$(echo "$out" | text_of details)" "Function: sys_write_[k] (10 samples, 10.00%)"

# click-zoom into cold: cold spans the full width, hot is hidden
out=$(dom 'zoom=%5Ecold%24')
echo "$out" | grep -q '<text id="unzoom" x="10" y="24" class="">' || \
	echo "$out" | grep -Eq '<text id="unzoom"[^>]*class=""' || fail "zoom: Reset Zoom not shown"
echo "$out" | grep -Eq '<title>cold \(30 samples, 30.00%\)</title><rect x="10.00" y="[0-9]+" width="1180.00"' \
	|| fail "zoom: cold not full width"
echo "$out" | grep -Eq '<g [^>]*class="hide"[^>]*><title>hot \(' || fail "zoom: hot not hidden"
done_test
