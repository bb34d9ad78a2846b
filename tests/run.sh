#!/usr/bin/env bash
# Runs the whole test suite and ends with "N passed, N failed, N skipped".
#   1. unit tests (cmocka) of the release and the ASan+UBSan builds;
#   2. CLI tests tests/cli/*.sh (fixtures, goldens, bad input, live comparisons
#      with the classic tools) against the sanitizer build;
#   3. scenario tests tests/scenarios/*.sh (real conditions, bounded, cleaned up);
#   4. every libFuzzer target on FUZZ_RUNS (10,000) inputs with a fixed seed.
# A shell test exits 0 to pass, 77 to skip (saying why on stdout), else fails.
# TESTS=pattern runs only matching shell tests; UNIT=0, CLI=0, SCEN=0, FUZZ=0 skip parts.
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0 skip=0
failed=()
log=$(mktemp -d /tmp/triage-tests.XXXXXX)
# Debian's interpreter, not a version manager's shim first on PATH: pyenv's
# shim takes a second or more to exec the real python on a loaded machine,
# and until it does the test's $! is a shell, not the process it measures
# (Debian's python3 also sees the python3-* packages, e.g. fusepy).
if [ -x /usr/bin/python3 ] && [ "$(command -v python3)" != /usr/bin/python3 ]; then
	mkdir -p "$log/bin" && ln -s /usr/bin/python3 "$log/bin/python3" && export PATH="$log/bin:$PATH"
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_unit() {  # $1 = binary
	local bin=$1 name out p f
	name="unit/$(basename "$(dirname "$(dirname "$bin")")")/$(basename "$bin")"
	out="$log/$(echo "$name" | tr / _).log"
	if "$bin" >"$out" 2>&1; then :; fi
	p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$out" | awk '{s+=$4} END {print s+0}')
	f=$(grep -oE '^\[  FAILED  \] [0-9]+ test' "$out" | awk '{s+=$4} END {print s+0}')
	if ! grep -qE '^\[  (PASSED|FAILED)  \]' "$out"; then f=1; fi  # crashed
	if [ "$f" -gt 0 ] || grep -q 'Sanitizer' "$out"; then
		fail=$((fail + (f > 0 ? f : 1))); failed+=("$name")
		echo "FAIL $name"; sed 's/^/    /' "$out" | tail -40
	else
		echo "ok   $name ($p)"
	fi
	pass=$((pass + p))
}

run_sh() {  # $1 = script
	local t=$1 name out rc start
	name=${t#tests/}
	out="$log/$(echo "$name" | tr / _).log"
	start=$(date +%s.%N)
	# a test may ask for more time with a line "# timeout: SECONDS"
	local limit; limit=$(grep -m1 -oE '^# timeout: [0-9]+' "$t" | grep -oE '[0-9]+$')
	timeout -k 5 "${limit:-300}" bash "$t" >"$out" 2>&1; rc=$?
	local secs; secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
	if [ $rc -eq 0 ] && grep -q 'Sanitizer' "$out"; then rc=99; fi
	case $rc in
	0) pass=$((pass + 1)); echo "ok   $name (${secs}s)"
	   grep '^SKIP PART:' "$out" | sed 's/^/     /' ;;
	77) skip=$((skip + 1)); echo "skip $name: $(tail -1 "$out")" ;;
	*) fail=$((fail + 1)); failed+=("$name"); echo "FAIL $name (exit $rc)"; sed 's/^/    /' "$out" | tail -40 ;;
	esac
}

if [ "${UNIT:-1}" = 1 ]; then
	for b in .output/release/tests/test_* .output/san/tests/test_*; do
		[ -x "$b" ] && [ "${b%.d}" = "$b" ] && run_unit "$b"
	done
fi
export TRIAGE=${TRIAGE:-$PWD/.output/san/triage}
[ -x "$TRIAGE" ] || TRIAGE=$PWD/triage
export TRIAGE_SRC=$PWD
if [ "${CLI:-1}" = 1 ]; then
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		[ -n "${TESTS:-}" ] && [[ $t != *${TESTS}* ]] && continue
		run_sh "$t"
	done
fi
if [ "${SCEN:-1}" = 1 ]; then
	for t in tests/scenarios/*.sh; do
		[ -f "$t" ] || continue
		[ -n "${TESTS:-}" ] && [[ $t != *${TESTS}* ]] && continue
		run_sh "$t"
	done
fi
# 4. each libFuzzer target briefly (make fuzz runs them longer), seeded with the fixtures.
if [ "${FUZZ:-1}" = 1 ]; then
	for b in .output/fuzz/fuzz/fuzz_*; do
		[ -x "$b" ] || continue
		name="fuzz/$(basename "$b")"
		[ -n "${TESTS:-}" ] && [[ $name != *${TESTS}* ]] && continue
		# a fixed number of inputs with a fixed seed: repeatable (make fuzz explores)
		if FUZZ_RUNS=${FUZZ_RUNS:-10000} fuzz/run.sh 0 "$b" >"$log/fuzz.log" 2>&1; then
			pass=$((pass + 1)); echo "ok   $name: $(head -1 "$log/fuzz.log")"
		else
			fail=$((fail + 1)); failed+=("$name"); echo "FAIL $name"; tail -30 "$log/fuzz.log" | sed 's/^/    /'
		fi
	done
fi
rm -rf "$log"
[ ${#failed[@]} -gt 0 ] && printf 'failed: %s\n' "${failed[@]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
