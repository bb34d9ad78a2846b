# A large deleted file held open (54 MiB on a 64 MiB tmpfs, 6 s):
# fs.deleted_open on that filesystem, naming the process that holds it.
. "$TRIAGE_SRC/tests/scenarios/triage_lib.bash"
mnt=$(mktemp -d /tmp/triage-del.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; umount "$mnt" 2>/dev/null; rmdir "$mnt" 2>/dev/null; }
trap cleanup EXIT
baseline
mount -t tmpfs -o size=64m tmpfs "$mnt" || skip "cannot mount a tmpfs here"
head -c 54m /dev/zero >"$mnt/big.log"
sh -c 'exec 3<"$1"; exec sleep 6' sh "$mnt/big.log" &
pid=$!
sleep 0.2
rm "$mnt/big.log"
OURS="fs:$mnt pid:$pid"
run_triage -d 1
expect_finding fs.deleted_open "fs:$mnt" "$pid"
expect_eq "comm" "$(echo "$OUT" | jq -r --arg r "fs:$mnt" '.findings[] | select(.id=="fs.deleted_open" and .resource==$r) | .comm')" "sleep"
no_unrelated fs.deleted_open
done_test
