# Bounded at scale (issue 7): 256 CPUs, 1,000 disks, 10,000 processes and
# 100,000 sockets, from generated snapshots (tests/tools/gen_scale_root.py).
# Every row is there, values are right, and peak RSS of the release build
# stays within the stated bounds.
. "$TRIAGE_SRC/tests/lib.sh"
REL=$TRIAGE_SRC/triage
[ -x "$REL" ] || skip "release build ./triage missing"
[ -x /usr/bin/time ] || skip "/usr/bin/time not installed"
base=/dev/shm; [ -w "$base" ] || base=/tmp
dir=$(mktemp -d "$base/triage-scale.XXXXXX")
trap 'rm -rf "$dir"' EXIT
python3 "$TRIAGE_SRC/tests/tools/gen_scale_root.py" "$dir" || { fail "generator"; done_test; }
R="$dir/t0,$dir/t1"
# run BIN LIMIT_KB ARGS...: stdout to $dir/out, checks exit 0 and peak RSS
run() {
	local bin=$1 limit=$2; shift 2
	/usr/bin/time -f '%M' -o "$dir/rss" "$bin" "$@" >"$dir/out" 2>"$dir/err" || fail "$* exited $?: $(head -3 "$dir/err")"
	local rss; rss=$(tail -1 "$dir/rss")
	echo "peak RSS $rss KB: $*"
	[ "$rss" -le "$limit" ] || fail "$*: peak RSS $rss KB above $limit KB"
}
run "$REL" 16384 mpstat -P ALL --root "$R" 1 1
# 256 CPU rows plus "all" in the interval and in the average; each CPU 60.00 %usr
expect_eq "mpstat rows" "$(grep -cE '^[0-9:]+ +[0-9]+ ' "$dir/out")" 256
expect_eq "mpstat cpu 255 usr" "$(awk '$2 == 255 {print $3; exit}' "$dir/out")" "60.00"
run "$REL" 16384 iostat -x -d --root "$R" 1 2
# second report (the interval): 1000 devices, each 100 r/s and 50 w/s
expect_eq "iostat devices" "$(awk '/^Device/{n++} n == 2 && /^sd/{c++} END {print c}' "$dir/out")" 1000
expect_eq "iostat r/s" "$(awk '/^Device/{n++} n == 2 && $1 == "sdbml" {print $2}' "$dir/out")" "100.00"
run "$REL" 32768 top -b -n 1 --root "$R"
expect_eq "top processes" "$(grep -c ' worker' "$dir/out")" 10000
run "$REL" 16384 pidstat -p ALL --root "$R" 1 1
# 10 ticks in 1.00 s = 10.00 %usr for every process
expect_eq "pidstat rows" "$(grep -cE '^[0-9:]+ +0 +[0-9]+ +10\.00 ' "$dir/out")" 10000
run "$REL" 65536 ss -tan --root "$dir/t0"
expect_eq "ss sockets" "$(grep -c '^ESTAB' "$dir/out")" 100000
run "$REL" 65536 --root "$R" --json
echo "$(cat "$dir/out")" | json_ok || fail "triage --json invalid at scale"
expect_eq "triage disk rows" "$(jq '[.resources[] | select(.resource | startswith("disk:"))] | length' "$dir/out")" 1000
# the sanitizer build on the same trees: no crash, no report
for a in "mpstat -P ALL" "iostat -x" "top -b -n 1" "pidstat -p ALL"; do
	$TRIAGE $a --root "$R" >/dev/null 2>"$dir/err" || fail "$TRIAGE $a: $(head -3 "$dir/err")"
	grep -qE 'Sanitizer|runtime error' "$dir/err" && fail "$a: $(head -5 "$dir/err")"
done
done_test
