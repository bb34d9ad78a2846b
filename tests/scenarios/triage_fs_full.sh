# A small filesystem (tmpfs, 16 MiB) filled to the brim: fs.full on it.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
mnt=$(mktemp -d /tmp/triage-full.XXXXXX)
cleanup() { umount "$mnt" 2>/dev/null; rmdir "$mnt" 2>/dev/null; }
trap cleanup EXIT
baseline
mount -t tmpfs -o size=16m tmpfs "$mnt" || skip "cannot mount a tmpfs here"
head -c 32m /dev/zero >"$mnt/fill" 2>/dev/null   # stops at ENOSPC
[ "$(df --output=pcent "$mnt" | tail -1 | tr -d ' %')" = 100 ] || fail "setup: df says $(df --output=pcent "$mnt" | tail -1)"
OURS="fs:$mnt"
run_triage -d 1
expect_finding fs.full "fs:$mnt"
expect_eq "critical" "$(echo "$OUT" | jq -r --arg r "fs:$mnt" '.findings[] | select(.id=="fs.full" and .resource==$r) | .severity')" "critical"
no_unrelated fs.full
done_test
