# make static: ./triage-static runs in an empty chroot that has no shared
# libraries at all (only the binary and a proc mount).
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root for chroot and mount"
make -C "$TRIAGE_SRC" --no-print-directory static >/dev/null 2>&1 || { fail "make static failed"; done_test; }
bin=$TRIAGE_SRC/triage-static
file "$bin" | grep -q 'statically linked' || fail "not statically linked: $(file "$bin")"
dir=$(mktemp -d /tmp/triage-chroot.XXXXXX)
cleanup() { umount "$dir/proc" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
mkdir -p "$dir/proc" "$dir/bin"
cp "$bin" "$dir/bin/triage"
mount -t proc proc "$dir/proc" || skip "cannot mount proc in $dir"
[ -z "$(find "$dir" -name '*.so*' -not -path "$dir/proc/*" 2>/dev/null)" ] || fail "chroot has shared libraries"
out=$(chroot "$dir" /bin/triage uptime 2>&1) || fail "static uptime in chroot: $out"
echo "$out" | grep -q 'load average' || fail "unexpected output: $out"
chroot "$dir" /bin/triage --help >/dev/null 2>&1 || fail "static --help in chroot"
echo "size: $(stat -c %s "$bin") bytes"
done_test
