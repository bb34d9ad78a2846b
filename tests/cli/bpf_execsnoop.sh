# execsnoop live: 50 execs of a uniquely named program, each with its own
# arguments, must all be seen, with PPID and return 0; a failed exec is
# seen with -x only.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
prog="$BT/tri$$exe"
cp /bin/true "$prog"
bt_start exec execsnoop --json -d 20 || done_test
for i in $(seq 50); do "$prog" "arg-$i" "second word" ; done
"$BT/no-such-prog-$$" 2>/dev/null
bt_stop
out=$BT/exec.out
json_ok < <(jq -s . "$out") || fail "not JSON lines"
n=$(jq -r --arg p "$prog" 'select(.args[0] == $p) | .args[1]' "$out" | sort -u | wc -l)
expect_eq "distinct execs seen" "$n" 50
expect_eq "arg of exec 37" "$(jq -r --arg p "$prog" 'select(.args[1] == "arg-37") | .args[2]' "$out")" "second word"
expect_eq "ret" "$(jq -r --arg p "$prog" 'select(.args[0] == $p) | .ret' "$out" | sort -u)" 0
expect_eq "ppid is this shell" "$(jq -r --arg p "$prog" 'select(.args[0] == $p) | .ppid' "$out" | sort -u)" "$$"
expect_eq "comm" "$(jq -r --arg p "$prog" 'select(.args[0] == $p) | .comm' "$out" | sort -u)" "tri$$exe"
expect_eq "failed exec ret" "$(jq -r --arg p "$BT/no-such-prog-$$" 'select(.args[0] == $p) | .ret' "$out")" -2
# -x: failed only (text output)
bt_start execx execsnoop -x -d 0.5 || done_test
"$prog" ok-arg
"$BT/no-such-prog-$$" 2>/dev/null
bt_wait
grep -q "no-such-prog-$$" "$BT/execx.out" || fail "-x: failed exec missing: $(cat "$BT/execx.out")"
grep -q "ok-arg" "$BT/execx.out" && fail "-x: successful exec shown"
bt_no_leftovers
done_test
