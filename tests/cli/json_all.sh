# The JSON rule (README "JSON output"), for every command in commands.def:
# a bounded run (a count, a duration, or a one-shot report) prints exactly one
# JSON document; a stream (an interval and no count, the tracers' events)
# prints JSON Lines: every line one compact object. A process with a hostile
# name (terminal escapes, quotes, invalid UTF-8) runs throughout and breaks
# neither. A command added to commands.def without a line here fails the test.
# timeout: 300
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the BPF tools, every process's files)"
dir=$(mktemp -d /tmp/triage-jsonall.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
evil=$'\e[31m"\\<s>\xff'
cp "$(command -v sleep)" "$dir/$evil"
( exec -a $'\xff\e]0;x\a"q"\n' "$dir/$evil" 900 ) &
pid=$!
printf 'main;a;b 3\nmain;c 2\n' >"$dir/folded"
$TRIAGE record -n 3 -i 1 --store "$dir/store" 2>/dev/null || fail "record for dump/history"

covered=" "
# one_doc CMD ARGS...: the output is exactly one JSON document
one_doc() {
	covered="$covered$1 "
	out=$(timeout 60 $TRIAGE "$@" 2>"$dir/err" </dev/null)
	rc=$?
	# 0 (1: a part unavailable); the report's Nagios status may be 1 or 2
	[ "$rc" -le 1 ] || { [ "$1" = triage ] && [ "$rc" -eq 2 ]; } || fail "$*: exit $rc: $(head -3 "$dir/err")"
	printf '%s' "$out" | python3 -c '
import json, sys
s = sys.stdin.read(); d = json.JSONDecoder(); i, n = 0, 0
while True:
    while i < len(s) and s[i].isspace(): i += 1
    if i == len(s): break
    _, i = d.raw_decode(s, i); n += 1
sys.exit(0 if n == 1 else f"{n} documents")' || fail "$*: not one JSON document: $(printf '%s' "$out" | head -c 300)"
	no_raw "$*" "$out"
}
# lines CMD ARGS...: run until its own end or 6 s; every line one JSON object
lines() {
	covered="$covered$1 "
	timeout 6 $TRIAGE "$@" >"$dir/out" 2>"$dir/err" </dev/null
	rc=$?
	[ "$rc" -eq 0 ] || [ "$rc" -eq 124 ] || fail "$*: exit $rc: $(head -3 "$dir/err")"
	python3 - "$dir/out" "$*" <<'PY' || fail "$*: not JSON Lines: $(head -c 300 "$dir/out")"
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8", errors="strict"):
    if line.strip():
        assert isinstance(json.loads(line), dict), line
        n += 1
assert n >= 1 or sys.argv[2].split()[0] in ("tcpretrans", "tcplife", "tcpconnect", "tcpaccept",
                                             "biosnoop", "execsnoop", "opensnoop", "strace",
                                             "fsslower", "oomkill", "killsnoop"), "no line"
PY
	no_raw "$*" "$(cat "$dir/out")"
}
no_raw() {
	printf '%s' "$2" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' && fail "$1: raw control bytes"
	return 0
}

one_doc uptime --json
one_doc triage --json -d 1
one_doc psi --json 1 1
one_doc cgroup --json -d 0.5
one_doc pidstat --json 1 1
one_doc iostat --json 1 1
one_doc vmstat --json 1 1
one_doc mpstat --json 1 1
one_doc free --json
one_doc sar --json -u 1 1
one_doc top --json -b -n 2 -d 0.5
one_doc dmesg --json
one_doc df --json
one_doc fds --json
one_doc slabtop --json
one_doc pmap --json "$pid"
one_doc ss --json -ta
one_doc pid --json "$pid"
one_doc dump --json --store "$dir/store" --from @0
one_doc history --json --store "$dir/store"
one_doc stat --json -- true
one_doc profile -a -d 1 --json
one_doc flamegraph --json "$dir/folded"
one_doc runqlat --json 1 1
one_doc biolatency --json 1 1
one_doc syscount --json -d 1
one_doc offcputime --json 1
one_doc syslat --json 1 1
one_doc strace --json -c -p "$pid" -d 1
one_doc cachestat --json "$dir/folded" "$dir"
one_doc memleak --json -p "$pid" -d 1
lines vmstat --json 1
lines iostat --json 1
lines mpstat --json 1
lines pidstat --json 1
lines psi --json 1
lines sar --json -u -n DEV 1
lines free --json -s 1
lines top --json -b -d 1
lines runqlat --json 1
lines biolatency --json 1
lines execsnoop --json -d 2
lines oomkill --json -d 1
lines opensnoop --json -d 2
lines biosnoop --json -D 2
lines tcpretrans --json -d 1
lines tcplife --json -d 1
lines tcpconnect --json -d 1
lines tcpaccept --json -d 1
lines syslat --json 1
lines strace --json -p "$pid" -d 2
lines fsslower --json -d 2 0
lines biotop --json 1 2
lines killsnoop --json -d 1
lines filetop --json -d 2
lines tcptop --json -d 2
lines memleak --json -p "$pid" 1
lines cachestat --json 1
lines cachestat --json -d 2
# record writes a store, not a report: it has no --json output to check;
# serve's JSON is its /report, checked as one document in tests/cli/serve.sh
covered="${covered}record serve "
for c in $(sed -n 's/^CMD(\([a-z0-9_]*\),.*/\1/p' "$TRIAGE_SRC/src/cmd/commands.def"); do
	case "$covered" in *" $c "*) ;; *) fail "command '$c' has no JSON check here" ;; esac
done
done_test
