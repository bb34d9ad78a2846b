# triage df: fixture (goldens, hand-computed values in tests/unit/test_mountinfo.c),
# live against coreutils df on tmpfs mounts of its own, deleted-but-open
# space (looked for with --deleted, or when a filesystem is over 90 % used),
# bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/fds
expect_golden df_fixture.txt $TRIAGE df --root "$F"
expect_golden df_fixture_h.txt $TRIAGE df -h --root "$F"
expect_golden df_fixture_i.txt $TRIAGE df -i --root "$F"
expect_golden df_fixture_a.txt $TRIAGE df -a --root "$F"
expect_golden df_fixture.json $TRIAGE df --json --root "$F"
$TRIAGE df --json --root "$F" | json_ok || fail "json invalid"
# several snapshots: the last one is reported
expect_eq "replay last" "$($TRIAGE df --root "$FIX/kmsg,$F")" "$($TRIAGE df --root "$F")"

# live, on filesystems this test mounts (in its own mount namespace, so
# neither this machine's mounts nor other jobs' files matter): tmpfs A of
# 8 MiB and 1000 inodes holding one 1 MiB file (used 1024 kB = 256 pages,
# 2 inodes: the root and the file), tmpfs B of 16 MiB where 20 deleted files
# are held open. Compared field by field with coreutils df on the same mounts.
if [ -z "${TRIAGE_DF_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
	TRIAGE_DF_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
if [ -n "${TRIAGE_DF_NS:-}" ]; then
	D=$(mktemp -d /tmp/triage-df.XXXXXX); out=$D.out
	trap 'kill $LP 2>/dev/null; umount "$D/a" "$D/b" 2>/dev/null; rm -rf "$D" "$out"' EXIT
	mkdir "$D/a" "$D/b"
	mount -t tmpfs -o size=8m,nr_inodes=1000 triage-df-a "$D/a"
	mount -t tmpfs -o size=16m triage-df-b "$D/b"
	head -c 1048576 /dev/zero >"$D/a/f"
	# the row of mount $2 in the first table (ours lists deleted-open files after a blank line)
	row() { awk -v m="$2" '/^$/ {exit} $NF == m {$1 = $1; print}' <<<"$1"; }
	expect_eq "live A" "$(row "$($TRIAGE df)" "$D/a")" "triage-df-a 8192 1024 7168 13% $D/a"
	expect_eq "live A = df" "$(row "$($TRIAGE df)" "$D/a")" "$(row "$(df "$D/a")" "$D/a")"
	expect_eq "live A -i" "$(row "$($TRIAGE df -i)" "$D/a")" "triage-df-a 1000 2 998 1% $D/a"
	expect_eq "live A -i = df" "$(row "$($TRIAGE df -i)" "$D/a")" "$(row "$(df -i "$D/a")" "$D/a")"
	expect_eq "live A -h = df" "$(row "$($TRIAGE df -h)" "$D/a")" "$(row "$(df -h "$D/a")" "$D/a")"
	expect_eq "live B = df" "$(row "$($TRIAGE df)" "$D/b")" "$(row "$(df "$D/b")" "$D/b")"
	# 20 deleted files of 860160 bytes in all (4096 x (1 + ... + 20)) held
	# open on B, then closed: exactly that, nothing else lives there
	held() { $TRIAGE df --json "$@" | jq --arg m "$D/b" '.filesystems[] | select(.mount==$m) | .deleted_open_bytes'; }
	python3 "$TRIAGE_SRC/tests/helpers/fdload.py" 20 "$D/b" 20 20 >"$out" & LP=$!
	for i in $(seq 50); do grep -q ready "$out" && break; sleep 0.1; done
	expect_eq "live held by deleted files" "$(held --deleted)" 860160
	# nothing listed is over 90 % used here (B holds 0.8 of 16 MiB): by
	# default no process's fds are read, and --no-deleted never reads them
	expect_eq "live not looked for" "$(held)" null
	# C: a 1 MiB tmpfs filled to 100 %: the scan comes by itself
	mkdir "$D/c" && mount -t tmpfs -o size=1m triage-df-c "$D/c"
	head -c 2M /dev/zero >"$D/c/fill" 2>/dev/null
	expect_eq "live full: looked for" "$(held)" 860160
	expect_eq "live --no-deleted" "$(held --no-deleted)" null
	umount "$D/c"
	expect_eq "live B used = df" "$(row "$($TRIAGE df)" "$D/b" | awk '{print $3}')" "$(df "$D/b" | awk 'NR == 2 {print $3}')"
	kill $LP 2>/dev/null; wait $LP 2>/dev/null
	expect_eq "live held after close" "$(held --deleted)" 0
else
	skip_part "live mounts: needs root and unshare -m (the fixture goldens above still ran)"
fi

# bad input
expect_exit 2 $TRIAGE df --bogus
expect_exit 2 $TRIAGE df extra
expect_exit 1 $TRIAGE df --root /nonexistent
E=$(mktemp -d /tmp/triage-df-empty.XXXXXX); mkdir -p "$E/proc"
expect_exit 1 $TRIAGE df --root "$E"
rm -rf "$E"
expect_exit 0 $TRIAGE df --help
# options parsed by getopt alone: --hel is --help, -ah is -a -h, and a
# "--help" that is the value of --root is a root
expect_eq "--hel" "$($TRIAGE df --hel | head -1 | cut -d' ' -f1)" "Usage:"
expect_eq "-ah" "$($TRIAGE df -ah --root "$F")" "$($TRIAGE df -a -h --root "$F")"
expect_exit 1 $TRIAGE df --root --help
done_test
