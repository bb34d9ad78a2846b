# Sourced by tests/cli/bpf_*.sh after tests/lib.sh: live BPF tests need root
# and BTF; they start a tool in the background, wait for its ready line,
# make known events, and check nothing of ours stays loaded afterwards.
[ "$(id -u)" = 0 ] || skip "BPF tools need root (CAP_BPF + CAP_PERFMON)"
[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF at /sys/kernel/btf/vmlinux"
command -v bpftool >/dev/null || skip "bpftool not installed (make deps)"
BT=$(mktemp -d /tmp/triage-bpf.XXXXXX)
BT_PID=

# Names of our programs (bpftool shows the first 15 characters).
OUR_PROGS='^(wakeup_btf|wakeup_raw|wakeup_new_btf|wakeup_new_raw|switch_btf|switch_raw|insert_btf|insert_raw|issue_btf|issue_raw|complete_btf|complete_raw|sys_enter_btf|sys_enter_raw|sys_exit_btf|sys_exit_raw|retrans_btf|retrans_raw|state_btf|state_raw|fork_btf|fork_raw|ext4_sync_enter|ext4_sync_exit_|io_start_btf|io_start_raw|signal_btf|signal_raw|tcptop_send_btf|tcptop_send_raw|tcptop_recv_btf|tcptop_recv_raw|reset_btf|reset_raw|malloc_enter|calloc_enter|realloc_enter|memalign_enter|pmemalign_enter|mmap_enter|free_enter|munmap_enter|alloc_exit|pmemalign_exit|mmap_exit|cs_read_btf|cs_read_raw|cs_fault_btf|cs_fault_raw|cs_map_btf|cs_map_raw|cs_add_btf|cs_add_raw|cs_dirty_btf|cs_dirty_raw)$'

# IDs of loaded programs with our names.
our_progs() {
	bpftool prog list -j 2>/dev/null | jq -r '.[] | "\(.id) \(.name // "")"' |
		awk -v re="$OUR_PROGS" '$2 ~ re { print $1 }' | sort
}
BT_BEFORE=$(our_progs)

# bt_start NAME ARGS...: run triage ARGS in the background, stdout to
# $BT/NAME.out, stderr to $BT/NAME.err; wait (5 s at most) for "Tracing".
bt_start() {
	local name=$1; shift
	"$TRIAGE" "$@" >"$BT/$name.out" 2>"$BT/$name.err" &
	BT_PID=$!
	for _ in $(seq 100); do
		grep -q '^Tracing' "$BT/$name.err" 2>/dev/null && return 0
		kill -0 "$BT_PID" 2>/dev/null || break
		sleep 0.05
	done
	fail "$name did not start: $(cat "$BT/$name.err")"
	return 1
}

# bt_wait: wait for the background tool; its exit status must be 0.
bt_wait() {
	local rc=0
	wait "$BT_PID" || rc=$?
	[ "$rc" = 0 ] || fail "tool exited $rc: $(cat "$BT"/*.err | tail -3)"
	BT_PID=
}

# No program of ours that was not there before is still loaded (the kernel
# frees programs after an RCU grace period: allow it 2 s).
bt_no_leftovers() {
	local new
	for _ in $(seq 40); do
		new=$(comm -13 <(echo "$BT_BEFORE") <(our_progs) | tr '\n' ' ')
		[ -z "${new// /}" ] && return 0
		sleep 0.05
	done
	fail "BPF programs left loaded: ids $new"
}

bt_cleanup() {
	[ -n "$BT_PID" ] && kill "$BT_PID" 2>/dev/null
	rm -rf "$BT"
}
trap bt_cleanup EXIT

# bt_stop: Ctrl-C the background tool and wait for it (exit status 0).
bt_stop() {
	kill -INT "$BT_PID" 2>/dev/null
	bt_wait
}
