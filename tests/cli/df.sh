# triage df: fixture (goldens, hand-computed values in tests/unit/test_mountinfo.c),
# live against coreutils df, deleted-but-open space, bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/fds
expect_golden df_fixture.txt $TRIAGE df --root "$F"
expect_golden df_fixture_h.txt $TRIAGE df -h --root "$F"
expect_golden df_fixture_i.txt $TRIAGE df -i --root "$F"
expect_golden df_fixture_a.txt $TRIAGE df -a --root "$F"
expect_golden df_fixture.json $TRIAGE df --json --root "$F"
$TRIAGE df --json --root "$F" | json_ok || fail "json invalid"

# live: the same filesystems and sizes as coreutils df (1K blocks; used and
# available may move between the two runs: +-64 MiB)
if command -v df >/dev/null; then
	ours=$($TRIAGE df | tail -n +2 | sed '/^$/,$d')
	theirs=$(df | tail -n +2)
	expect_eq "live mount points" "$(echo "$ours" | awk '{print $NF}' | sort)" "$(echo "$theirs" | awk '{print $NF}' | sort)"
	while read -r src size used avail pct mnt; do
		t=$(echo "$theirs" | awk -v m="$mnt" '$NF == m {print $2, $3, $4}')
		set -- $t
		expect_eq "live size $mnt" "$size" "${1:-}"
		expect_near "live used $mnt" "$used" "${2:-}" 65536
		expect_near "live avail $mnt" "$avail" "${3:-}" 65536
	done <<<"$ours"
	expect_eq "live -h" "$($TRIAGE df -h | sed '/^$/,$d' | awk '{print $2, $NF}')" "$(df -h | awk '{print $2, $NF}')"
	expect_eq "live -i inodes" "$($TRIAGE df -i | sed '/^$/,$d' | awk '{print $2, $NF}')" "$(df -i | awk '{print $2, $NF}')"
fi
# live: 20 deleted files of 860160 bytes in all, held open under /tmp
D=$(mktemp -d /tmp/triage-df.XXXXXX); out=$D.out
trap 'kill $LP 2>/dev/null; rm -rf "$D" "$out"' EXIT
before=$($TRIAGE df --json | jq --arg m "$(df --output=target "$D" | tail -1)" '.filesystems[] | select(.mount==$m) | .deleted_open_bytes')
python3 "$TRIAGE_SRC/tests/helpers/fdload.py" 20 "$D" 20 20 >"$out" & LP=$!
for i in $(seq 50); do grep -q ready "$out" && break; sleep 0.1; done
after=$($TRIAGE df --json | jq --arg m "$(df --output=target "$D" | tail -1)" '.filesystems[] | select(.mount==$m) | .deleted_open_bytes')
# 4096 x (1 + ... + 20) = 860160 more (other processes may open/close some: +-64 KiB)
expect_near "live held by deleted files" "$((after - before))" 860160 65536
kill $LP 2>/dev/null; wait $LP 2>/dev/null

# bad input
expect_exit 2 $TRIAGE df --bogus
expect_exit 2 $TRIAGE df extra
expect_exit 1 $TRIAGE df --root /nonexistent
mkdir -p /tmp/triage-empty.$$/proc
expect_exit 1 $TRIAGE df --root /tmp/triage-empty.$$
rm -rf /tmp/triage-empty.$$
expect_exit 0 $TRIAGE df --help
done_test
