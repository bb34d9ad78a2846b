# opensnoop live: opens of a known missing path are seen with ENOENT under
# -x (and successful opens are not); without -x a successful open shows its fd.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
missing="$BT/missing-$$/file"
present="$BT/present-$$"
echo hi >"$present"
bt_start x opensnoop -x --json || done_test
for _ in $(seq 10); do cat "$missing" 2>/dev/null; done
cat "$present" >/dev/null
bt_stop
out=$BT/x.out
expect_eq "missing opens seen" "$(jq -r --arg p "$missing" 'select(.path == $p) | .errno' "$out" | grep -c '^2$')" 10
expect_eq "only failures" "$(jq -r 'select(.errno == 0) | .path' "$out" | wc -l)" 0
expect_eq "fd of a failure" "$(jq -r --arg p "$missing" 'select(.path == $p) | .fd' "$out" | sort -u)" -1
expect_eq "comm" "$(jq -r --arg p "$missing" 'select(.path == $p) | .comm' "$out" | sort -u)" cat
# cat opens read-only; glibc adds the kernel's O_LARGEFILE bit itself
flags=$(jq -r --arg p "$missing" 'select(.path == $p) | .flags' "$out" | sort -u)
case $flags in O_RDONLY|O_RDONLY\|O_LARGEFILE) ;; *) fail "flags: $flags" ;; esac
# text output, all opens: the present file with an fd >= 0, error 0
bt_start all opensnoop -e || done_test
cat "$present" >/dev/null
bt_stop
line=$(grep -F "$present" "$BT/all.out" | head -1)
[ -n "$line" ] || fail "present file not seen: $(head -5 "$BT/all.out")"
set -- $line
[ "$3" -ge 0 ] 2>/dev/null || fail "fd column: $line"
expect_eq "err column" "$4" 0
case $5 in O_RDONLY|O_RDONLY\|O_LARGEFILE) ;; *) fail "flags column: $line" ;; esac
bt_no_leftovers
done_test
