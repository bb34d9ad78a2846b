# Options before, between and after the interval and count, as sysstat's sar,
# iostat, mpstat, pidstat and procps' vmstat, free and top accept them
# (`sar 1 3 -u -q`, `sar -u 1 3 -r`, `iostat -d 1 1 sda`): the same output
# on fixtures (exactly) and live (the same structure); unknown options and
# excess numbers are still refused.
. "$TRIAGE_SRC/tests/lib.sh"
export TZ=UTC TRIAGE_TIME=1763700000
S=$FIX/sar
N=$FIX/net
D=$FIX/disks
P=$FIX/pids
C=$FIX/cpu2
M=$(uname -m)
run() { "$TRIAGE" "$@" 2>&1 | sed "s/_${M}_/_x86_64_/"; }
# same WHAT "ARGS A" "ARGS B" [ROOT...]: both orders print the same bytes
same() {
	local what=$1 a=$2 b=$3; shift 3
	local oa ob
	# shellcheck disable=SC2086 # the argument lists are split on purpose
	oa=$(run $a "$@"); ob=$(run $b "$@")
	[ -n "$oa" ] || fail "$what: '$a' printed nothing"
	[ "$oa" = "$ob" ] || { fail "$what: '$a' and '$b' differ:"; diff <(echo "$oa") <(echo "$ob") | head -20; }
	if echo "$ob" | grep -q -E 'unexpected argument|invalid option|Usage:|Try '; then
		fail "$what: '$b' refused: $(echo "$ob" | head -2)"
	fi
}
# the golden of the usual order, and every other order against it
expect_golden sar_sys_qr.txt run sar -q -r --root "$S/t0,$S/t1,$S/t2"
expect_golden sar_sys_qr.txt run sar 2 2 -q -r --root "$S/t0,$S/t1,$S/t2"
expect_golden sar_sys_qr.txt run sar -q 2 -r 2 --root "$S/t0,$S/t1,$S/t2"
same "sar -u" "sar -u 2 1" "sar 2 1 -u" --root "$S/t0,$S/t1"
same "sar -u -r" "sar -u -r 2 1" "sar -u 2 1 -r" --root "$S/t0,$S/t1"
same "sar -u ALL -P ALL" "sar -u ALL -P ALL 2 1" "sar 2 -P ALL 1 -u ALL" --root "$S/t0,$S/t1"
same "sar -q CPU -m CPU" "sar -q CPU -m CPU 2 1" "sar 2 1 -q CPU -m CPU" --root "$S/t0,$S/t1"
same "sar -I ALL -F MOUNT" "sar -I ALL -F MOUNT -P 1 2 1" "sar 2 1 -I ALL -F MOUNT -P 1" --root "$S/t0,$S/t1"
same "sar -A" "sar -A 2 1" "sar 2 1 -A" --root "$S/t0,$S/t1"
same "sar -n DEV,TCP" "sar -n DEV,TCP 2 1" "sar 2 1 -n DEV,TCP" --root "$N/t0,$N/t1"
same "sar -n DEV --iface" "sar -n DEV --iface=lo 2 1" "sar 2 1 --iface=lo -n DEV" --root "$N/t0,$N/t1"
same "sar --json" "sar -q --json 2 1" "sar 2 1 -q --json" --root "$S/t0,$S/t1"
# the recorder's store: -f, -s, -e and --from after the numbers
R1=$FIX/recording-v1/store
same "sar -f -s -e" "sar -u ALL -f $R1 -s 17:00:00 -e 17:00:05 2" "sar 2 -f $R1 -u ALL -s 17:00:00 -e 17:00:05"
same "sar --store --from" "sar -r --store $R1 --from @0 1" "sar 1 -r --store $R1 --from @0"
# the other interval commands
same "iostat device after the numbers" "iostat -d -y nvme0n1 2 1" "iostat -d 2 1 -y nvme0n1" --root "$D/t0,$D/t1"
same "iostat device between" "iostat -d -y nvme0n1 sda 2 1" "iostat -d 2 nvme0n1 1 -y sda" --root "$D/t0,$D/t1"
same "iostat -g after" "iostat -d -y -g G nvme0n1 sda 2 1" "iostat 2 1 -d -y -g G nvme0n1 sda" --root "$D/t0,$D/t1"
same "mpstat -P ALL" "mpstat -P ALL 2 1" "mpstat 2 1 -P ALL" --root "$C/t0,$C/t1"
same "mpstat -A" "mpstat -A 2 1" "mpstat 2 -A 1" --root "$C/t0,$C/t1"
same "pidstat -U NAME -r" "pidstat -U alice -r -p ALL 2 1" "pidstat 2 1 -r -p ALL -U alice" --root "$P/t0,$P/t1"
same "pidstat -U" "pidstat -U -w 2 1" "pidstat 2 1 -w -U" --root "$P/t0,$P/t1"
same "vmstat -w -S M" "vmstat -w -S M 2 2" "vmstat 2 2 -w -S M" --root "$C/t0,$C/t1"
same "free -m" "free -m -w" "free -w -m" --root "$FIX/swap/t1"

# refused still: an unknown option anywhere, a third number, a bad keyword
expect_exit 2 "$TRIAGE" sar 1 1 -Z
expect_exit 2 "$TRIAGE" sar -u 1 1 2
expect_exit 2 "$TRIAGE" sar 1 1 -u FOO
expect_exit 2 "$TRIAGE" sar 1 1 -q NOPE
expect_exit 2 "$TRIAGE" iostat 1 1 2
expect_exit 2 "$TRIAGE" mpstat 1 1 -Z
expect_exit 2 "$TRIAGE" pidstat 1 1 1
expect_exit 2 "$TRIAGE" vmstat 1 1 1
expect_eq "sar excess number" "$("$TRIAGE" sar 1 1 2 -u 2>&1 | head -1)" "triage: sar: unexpected argument '2'"
expect_eq "sar -u FOO" "$("$TRIAGE" sar 1 -u FOO 2>&1 | head -1)" "triage: sar: -u FOO: not supported (-u or -u ALL)"

# live: the same sections, headers and row count in either order
shape() { sed -E 's/[0-9]+([.:][0-9]+)*/N/g; s/ +/ /g'; }
live() { timeout 10 "$TRIAGE" "$@" 2>&1 | shape; }
a=$(live sar -u 1 1); b=$(live sar 1 1 -u)
expect_eq "live sar -u 1 1 vs sar 1 1 -u" "$b" "$a"
expect_eq "live sar -u rows" "$(echo "$a" | grep -c ' all ')" "2"
qr=$(live sar 1 1 -q -r)
expect_eq "live sar 1 1 -q -r vs -q -r 1 1" "$qr" "$(live sar -q -r 1 1)"
expect_eq "live sar 1 1 -q -r sections" \
	"$(echo "$qr" | grep -o -E 'kbmemfree|runq-sz' | tr '\n' ' ')" "kbmemfree runq-sz kbmemfree runq-sz "
expect_eq "live mpstat 1 1 -P ALL" "$(live mpstat 1 1 -P ALL)" "$(live mpstat -P ALL 1 1)"
done_test
