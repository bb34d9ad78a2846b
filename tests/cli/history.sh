# triage history on the format-1.0 fixture store (tests/fixtures/store_v1,
# written by tests/unit/test_store_fixture.c: see there what it holds), and
# bad input. Hand-checked figures of the golden: 30 + 60 + 9 + 10 + 10 = 119
# records of 256 bytes = 30464; gaps 03:00:29 -> 03:02:00 = 1m31s,
# 03:02:59 -> 03:05:00 = 2m01s, 03:05:08 -> 03:06:40 = 1m32s; segments
# 9268 + 1056 + 1786 = 12110 bytes.
. "$TRIAGE_SRC/tests/lib.sh"
S=$FIX/store_v1
export TZ=UTC
expect_golden history_store_v1.txt $TRIAGE history --store "$S"
expect_eq "bytes" "$(stat -c %s "$S"/seg-*.trs | awk '{s+=$1} END {print s}')" 12110
js=$($TRIAGE history --store "$S" --json)
echo "$js" | json_ok || fail "json invalid: $js"
expect_eq "json records" "$(echo "$js" | jq .records)" 119
expect_eq "json ranges" "$(echo "$js" | jq -c '[.ranges[].begins]')" '["first","damage","restart","reboot","interval"]'
expect_eq "json range 2" "$(echo "$js" | jq -c '.ranges[1] | [.from, .to, .records, .after_ns]')" \
	'["2026-12-03 03:02:00","2026-12-03 03:02:59",60,91000000000]'
expect_eq "json interval" "$(echo "$js" | jq '.ranges[4].interval_ms')" 2000
expect_eq "json reboot" "$(echo "$js" | jq -r '.ranges[3].boot_id')" 7d1f3a9e-0b4c-4d2a-8e6f-5c3b2a1d0e9f
expect_eq "json damage" "$(echo "$js" | jq -c '[.damage[] | [.after, .before, .why, .segment]]')" \
	'[["2026-12-03 03:00:29","2026-12-03 03:02:00","checksum mismatch","seg-000000000001.trs"],["2026-12-03 03:05:08","2026-12-03 03:05:09","truncated tail","seg-000000000002.trs"]]'
# local time: the same store in UTC+1
expect_eq "TZ" "$(TZ=CET-1 $TRIAGE history --store "$S" | awk 'NR == 4 {print $1, $2}')" "2026-12-03 04:00:00"

tmp=$(mktemp -d /tmp/triage-history.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# an empty store (a LOCK, no segment yet) is a store with no records
mkdir -m 0750 "$tmp/empty" && : >"$tmp/empty/LOCK"
expect_eq "empty" "$($TRIAGE history --store "$tmp/empty" | tail -1)" "No records."
# bad input: one message each, exit 1 (cannot read) or 2 (usage)
expect_exit 1 $TRIAGE history --store /nonexistent/store
expect_exit 1 $TRIAGE history --store "$tmp"
expect_eq "not a store" "$($TRIAGE history --store "$tmp" 2>&1)" \
	"triage: history: cannot read $tmp: not a triage store (no LOCK file and no seg-*.trs segment)"
expect_exit 2 $TRIAGE history --bogus
expect_exit 2 $TRIAGE history extra
expect_exit 0 $TRIAGE history --help
# a segment of a newer major version: refused, by name
mkdir -m 0750 "$tmp/v2" && cp "$S"/seg-000000000003.trs "$tmp/v2/" && : >"$tmp/v2/LOCK"
python3 - "$tmp/v2/seg-000000000003.trs" <<'PY'
import struct, sys, zlib
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[8:10] = struct.pack('<H', 2)
b[60:64] = struct.pack('<I', zlib.crc32(bytes(b[:60])))
open(p, 'wb').write(b)
PY
expect_exit 1 $TRIAGE history --store "$tmp/v2"
$TRIAGE history --store "$tmp/v2" 2>&1 | grep -q "store format 2.0, this triage reads 1.x: use a newer triage" \
	|| fail "newer format: $($TRIAGE history --store "$tmp/v2" 2>&1)"
# a non-root reader of root's 0750 store: one clear message
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir -m 0750 "$tmp/root" && cp "$S"/* "$tmp/root/" && chmod 0640 "$tmp/root"/*
	chmod 0755 "$tmp"
	err=$(setpriv --reuid=nobody --regid=nogroup --clear-groups -- $TRIAGE history --store "$tmp/root" 2>&1); rc=$?
	expect_eq "nobody exit" "$rc" 1
	expect_eq "nobody message" "$err" \
		"triage: history: cannot read $tmp/root: Permission denied (the store is root's, mode 0750: run as root or as a member of its group)"
else
	echo "SKIP (part): the non-root reader check needs root and setpriv"
fi
done_test
