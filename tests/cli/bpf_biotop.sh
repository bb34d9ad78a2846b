# timeout: 90
# biotop live, never on the machine's disks: a loop device over a file in
# the test's directory; `dd` writes 8 MiB in 1 MiB blocks with O_DIRECT.
# 1. --json -p PID (the dd, started waiting on a FIFO): its rows on the loop
#    device hold exactly 8192 Kbytes written, as many I/Os as the loop
#    device's own write count in /proc/diskstats went up, and nothing of
#    another process. 2. text, no filter, with the raw_tp fallback: the dd
#    row in bcc's columns.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
expect_exit 0 $TRIAGE biotop --help
expect_exit 2 $TRIAGE biotop --bogus
expect_exit 2 $TRIAGE biotop -r x
expect_exit 2 $TRIAGE biotop -d x
expect_exit 2 $TRIAGE biotop 0
expect_exit 2 $TRIAGE biotop 1 2 3
expect_exit 2 $TRIAGE biotop -p abc
command -v losetup >/dev/null && [ -e /dev/loop-control ] || skip "no losetup or loop driver"
truncate -s 32M "$BT/img"
loop=$(losetup -f --show "$BT/img" 2>/dev/null) || skip "cannot set up a loop device"
wp=
trap '[ -n "$wp" ] && kill $wp 2>/dev/null; losetup -d "$loop" 2>/dev/null; bt_cleanup' EXIT
ln=${loop#/dev/}
maj=$(($(stat -c '0x%t' "$loop"))); min=$(($(stat -c '0x%T' "$loop")))
writes() { awk -v d="$ln" '$3 == d { print $8 }' /proc/diskstats; }

# 1. JSON, -p: exactly the dd's 8 MiB
mkfifo "$BT/go"
sh -c 'read x <"$1"; exec dd if=/dev/zero of="$2" bs=1M count=8 oflag=direct 2>/dev/null' sh "$BT/go" "$loop" &
wp=$!; ddpid=$wp
w0=$(writes)
bt_start json biotop --json -p "$ddpid" -d 3 1 || done_test
echo go >"$BT/go"
wait $wp || fail "dd failed"
wp=
w1=$(writes)
bt_wait
out=$BT/json.out
echo "[$(paste -sd, "$out")]" | json_ok || fail "json invalid: $(cat "$out")"
[ "$(wc -l <"$out")" -ge 3 ] || fail "fewer than 3 intervals: $(cat "$out")"
rows=$(jq -c '.rows[]' "$out")
[ -n "$rows" ] || fail "no rows: $(cat "$out")"
expect_eq "only the dd's PID" "$(echo "$rows" | jq -r .pid | sort -u)" "$ddpid"
sel=$(echo "$rows" | jq -c --arg d "$ln" 'select(.disk == $d and .op == "Write")')
expect_eq "comm" "$(echo "$sel" | jq -r .comm | sort -u)" dd
expect_eq "major" "$(echo "$sel" | jq -r .major | sort -u)" "$maj"
expect_eq "minor" "$(echo "$sel" | jq -r .minor | sort -u)" "$min"
expect_eq "Kbytes written" "$(echo "$sel" | jq -s 'map(.kbytes) | add')" 8192
expect_eq "bytes written" "$(echo "$sel" | jq -s 'map(.bytes) | add')" 8388608
expect_eq "I/Os (the loop device's diskstats writes)" "$(echo "$sel" | jq -s 'map(.io) | add')" "$((w1 - w0))"
echo "$sel" | jq -e 'select(.avg_ms > 0)' >/dev/null || fail "avg_ms not > 0: $sel"
expect_eq "top-level fields" "$(head -1 "$out" | jq -c 'keys')" '["dropped","loadavg","rows","rows_total","time"]'
expect_eq "row fields" "$(echo "$sel" | head -1 | jq -c 'keys')" \
	'["avg_ms","bytes","comm","disk","io","kbytes","major","minor","op","pid"]'
expect_eq "nothing dropped" "$(jq -s 'map(.dropped) | add' "$out")" 0

# 2. text, every process, raw_tp programs
TRIAGE_BPF_RAW_TP=1 bt_start text biotop -C -r 50 1 3 || done_test
types=$(bpftool prog list -j | jq -r '.[] | select(.name == "io_start_raw" or .name == "io_start_btf") | "\(.name) \(.type)"' | sort -u)
timeout 20 dd if=/dev/zero of="$loop" bs=1M count=8 oflag=direct 2>/dev/null || fail "dd failed"
bt_wait
expect_eq "loaded as raw tracepoints" "$types" "io_start_raw raw_tracepoint"
grep -q '^PID     COMM             D MAJ MIN DISK       I/O  Kbytes  AVGms$' "$BT/text.out" ||
	fail "header: $(cat "$BT/text.out")"
grep -q '^[0-9:]* loadavg: [0-9.]* [0-9.]* [0-9.]* [0-9]*/[0-9]*$' "$BT/text.out" ||
	fail "loadavg line: $(head -1 "$BT/text.out")"
line=$(awk -v d="$ln" '$2 == "dd" && $3 == "W" && $6 == d' "$BT/text.out")
[ -n "$line" ] || fail "no dd row for $ln: $(cat "$BT/text.out")"
expect_eq "text Kbytes" "$(echo "$line" | awk '{ s += $8 } END { print s }')" 8192
bt_no_leftovers
done_test
