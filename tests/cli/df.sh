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
# several snapshots: the last one is reported
expect_eq "replay last" "$($TRIAGE df --root "$FIX/kmsg,$F")" "$($TRIAGE df --root "$F")"

# live: the same filesystems and sizes as coreutils df (1K blocks). Other
# agents write files meanwhile: used and available are bracketed by a df run
# before and one after ours (+-1 MiB).
if command -v df >/dev/null; then
	theirs1=$(df | tail -n +2)
	ours=$($TRIAGE df | tail -n +2 | sed '/^$/,$d')
	theirs2=$(df | tail -n +2)
	expect_eq "live mount points" "$(echo "$ours" | awk '{print $NF}' | sort)" "$(echo "$theirs1" | awk '{print $NF}' | sort)"
	while read -r src size used avail pct mnt; do
		read -r s1 u1 a1 <<<"$(echo "$theirs1" | awk -v m="$mnt" '$NF == m {print $2, $3, $4}')"
		read -r s2 u2 a2 <<<"$(echo "$theirs2" | awk -v m="$mnt" '$NF == m {print $2, $3, $4}')"
		expect_eq "live size $mnt" "$size" "${s1:-}"
		for k in used avail; do
			eval "o=\$$k"; [ $k = used ] && { x=$u1; y=$u2; } || { x=$a1; y=$a2; }
			lo=$(( (x < y ? x : y) - 1024 )); hi=$(( (x > y ? x : y) + 1024 ))
			[ "$o" -ge "$lo" ] && [ "$o" -le "$hi" ] || fail "live $k $mnt: triage $o, df $x then $y"
		done
	done <<<"$ours"
	expect_eq "live -h sizes" "$($TRIAGE df -h | sed '/^$/,$d' | awk '{print $2, $NF}')" "$(df -h | awk '{print $2, $NF}')"
	expect_eq "live -i inodes" "$($TRIAGE df -i | sed '/^$/,$d' | awk '{print $2, $NF}')" "$(df -i | awk '{print $2, $NF}')"
fi
# live: 20 deleted files of 860160 bytes in all (4096 x (1 + ... + 20)),
# held open under /tmp: the filesystem's held bytes with them open minus
# after they are closed. Others may open or close deleted files meanwhile
# (this very test, run by another checkout): up to 3 tries, +-64 KiB.
D=$(mktemp -d /tmp/triage-df.XXXXXX); out=$D.out
trap 'kill $LP 2>/dev/null; rm -rf "$D" "$out"' EXIT
M=$(df --output=target "$D" | tail -1)
held() { $TRIAGE df --json | jq --arg m "$M" '.filesystems[] | select(.mount==$m) | .deleted_open_bytes'; }
ok=0
for try in 1 2 3; do
	: >"$out"
	python3 "$TRIAGE_SRC/tests/helpers/fdload.py" 20 "$D" 20 20 >"$out" & LP=$!
	for i in $(seq 50); do grep -q ready "$out" && break; sleep 0.1; done
	with=$(held)
	kill $LP 2>/dev/null; wait $LP 2>/dev/null
	without=$(held)
	d=$(( with - without - 860160 )); d=${d#-}
	[ "$d" -le 65536 ] && { ok=1; break; }
done
[ $ok = 1 ] || fail "live held by deleted files: $with - $without, want 860160 more"

# bad input
expect_exit 2 $TRIAGE df --bogus
expect_exit 2 $TRIAGE df extra
expect_exit 1 $TRIAGE df --root /nonexistent
mkdir -p /tmp/triage-empty.$$/proc
expect_exit 1 $TRIAGE df --root /tmp/triage-empty.$$
rm -rf /tmp/triage-empty.$$
expect_exit 0 $TRIAGE df --help
# options parsed by getopt alone: --hel is --help, -ah is -a -h, and a
# "--help" that is the value of --root is a root
expect_eq "--hel" "$($TRIAGE df --hel | head -1 | cut -d' ' -f1)" "Usage:"
expect_eq "-ah" "$($TRIAGE df -ah --root "$F")" "$($TRIAGE df -a -h --root "$F")"
expect_exit 1 $TRIAGE df --root --help
done_test
