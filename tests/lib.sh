# Sourced by tests/cli/*.sh and tests/scenarios/*.sh.
# $TRIAGE is the binary under test, $TRIAGE_SRC the repo, $FIX the fixtures.
set -u
: "${TRIAGE:?}" "${TRIAGE_SRC:?}"
FIX=$TRIAGE_SRC/tests/fixtures
GOLD=$TRIAGE_SRC/tests/golden
T_FAILS=0

fail() { echo "FAIL: $*"; T_FAILS=$((T_FAILS + 1)); }
skip() { echo "SKIP: $*"; exit 77; }
# skip_part WHY: a part of the test did not run here; tests/run.sh prints WHY
# beside "ok" so a pass with parts missing is never silent. Pair each with a
# check that forces the condition (a fixture, a shim) so the code is covered.
skip_part() { echo "SKIP PART: $*"; }
done_test() { [ "$T_FAILS" -eq 0 ] && { echo "all checks passed"; exit 0; }; exit 1; }

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }
# expect_near WHAT GOT WANT TOL  (absolute tolerance)
expect_near() {
	awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }' \
		|| fail "$1: got '$2', want '$3' +/- $4"
}
# expect_golden NAME CMD...: stdout of CMD must equal tests/golden/NAME
# (UPDATE_GOLDEN=1 rewrites the file instead).
expect_golden() {
	local name=$1; shift
	# Paths under the checkout print as $SRC so goldens hold in any clone.
	local out; out=$("$@" 2>&1 | sed "s|$TRIAGE_SRC|\$SRC|g")
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then printf '%s\n' "$out" >"$GOLD/$name"; return; fi
	diff -u "$GOLD/$name" <(printf '%s\n' "$out") >/tmp/golden.diff.$$ || { fail "golden $name differs:"; cat /tmp/golden.diff.$$; }
	rm -f /tmp/golden.diff.$$
}
# expect_exit WANT CMD...: exit status of CMD (stderr must be one line when WANT != 0)
expect_exit() {
	local want=$1; shift
	local err rc
	err=$("$@" 2>&1 >/dev/null); rc=$?
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, want $want (stderr: $err)"
	if [ "$want" != 0 ] && [ -z "$err" ]; then fail "'$*' failed without a message"; fi
	if echo "$err" | grep -q -E 'Sanitizer|runtime error'; then fail "'$*' sanitizer: $err"; fi
}
# json_ok: stdin must be valid JSON
json_ok() { python3 -c 'import json,sys; json.load(sys.stdin)' ; }

# store_records STORE: how many records the flight recorder's store holds
# (0 when it holds none or cannot be read yet)
store_records() { $TRIAGE history --store "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])' 2>/dev/null || echo 0; }
# wait_records STORE N: until STORE holds N records (at most 60 s); 1 if not
wait_records() { for _ in $(seq 600); do [ "$(store_records "$1")" -ge "$2" ] && return 0; sleep 0.1; done; return 1; }
