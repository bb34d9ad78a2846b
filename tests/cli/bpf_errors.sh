# BPF tools: bad usage exits 2, failures exit 1 with one line saying what is
# missing and what to do; no libbpf output without -v.
. "$TRIAGE_SRC/tests/lib.sh"
TOOLS="runqlat biolatency biosnoop biotop offcputime execsnoop opensnoop syscount tcpretrans tcplife tcpconnect tcpaccept killsnoop"
for t in $TOOLS; do
	expect_exit 0 $TRIAGE $t --help
	expect_exit 2 $TRIAGE $t --bogus
done
expect_exit 2 $TRIAGE runqlat 0
expect_exit 2 $TRIAGE runqlat 1 -1
expect_exit 2 $TRIAGE syscount 1 2 3
expect_exit 2 $TRIAGE biolatency -D -F
expect_exit 2 $TRIAGE offcputime -U -K
expect_exit 2 $TRIAGE offcputime -m abc
expect_exit 2 $TRIAGE offcputime 1 2
expect_exit 2 $TRIAGE execsnoop -d 0
expect_exit 2 $TRIAGE execsnoop extra
expect_exit 2 $TRIAGE opensnoop -p notapid
expect_exit 2 $TRIAGE tcpretrans -p 1
# a PID that does not exist (above any pid_max default of 4194304 is refused
# as usage; pick a free one below)
free=4194000
while kill -0 $free 2>/dev/null; do free=$((free - 1)); done
expect_exit 1 $TRIAGE runqlat -p $free 1 1
expect_exit 1 $TRIAGE runqlat --root /tmp 1 1
err=$($TRIAGE runqlat --root /tmp 1 1 2>&1)
expect_eq "--root message" "$err" "triage: runqlat: BPF tools trace the live system: --root is not supported"

# without privileges: one line, naming root
as_nobody() {
	if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else "$@"; fi
}
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
	for t in runqlat execsnoop tcplife biotop killsnoop; do
		err=$(as_nobody $TRIAGE $t -d 1 2>&1 >/dev/null); rc=$?
		[ $t = runqlat ] && { err=$(as_nobody $TRIAGE $t 1 1 2>&1 >/dev/null); rc=$?; }
		expect_eq "$t unprivileged exit" "$rc" 1
		expect_eq "$t unprivileged: one line" "$(echo "$err" | wc -l)" 1
		echo "$err" | grep -q 'run as root' || fail "$t unprivileged message: $err"
	done
fi
if [ "$(id -u)" = 0 ] && [ -r /sys/kernel/btf/vmlinux ]; then
	expect_exit 1 $TRIAGE biolatency -d no-such-disk 1 1
	err=$($TRIAGE offcputime -c /nonexistent-cgroup 1 2>&1 >/dev/null)
	expect_eq "bad cgroup: one line" "$(echo "$err" | wc -l)" 1
	echo "$err" | grep -q "cannot use cgroup '/nonexistent-cgroup'" || fail "cgroup message: $err"
	# -v lets libbpf speak
	n=$($TRIAGE syscount -v -d 0.1 2>&1 >/dev/null | grep -c '^libbpf:')
	[ "$n" -gt 0 ] || fail "-v: no libbpf output"
	n=$($TRIAGE syscount -d 0.1 2>&1 >/dev/null | grep -c '^libbpf:')
	expect_eq "no libbpf output without -v" "$n" 0
	n=$($TRIAGE biotop -d 0.1 2>&1 >/dev/null | grep -c '^libbpf:')
	expect_eq "biotop: no libbpf output without -v" "$n" 0
fi
done_test
