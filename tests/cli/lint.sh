# make lint (cppcheck + clang-tidy) must be clean on the whole tree.
# timeout: 900
. "$TRIAGE_SRC/tests/lib.sh"
command -v cppcheck >/dev/null && command -v clang-tidy >/dev/null || skip "cppcheck or clang-tidy not installed"
out=$(make -C "$TRIAGE_SRC" --no-print-directory lint 2>&1) || fail "make lint: $out"
done_test
