# Sourced by tests/scenarios/triage_*.sh (not a test itself: run.sh runs *.sh).
# A scenario creates one real condition, runs `triage --json`, and checks that
# the expected finding is reported on the right resource and that no
# unrelated warning appears.
#
# This machine is shared with other jobs, which load it too: a baseline run
# just before the scenario (triage -d 0.5) records the warnings that were
# already there; those are noted, not counted as unrelated.
#
# Each scenario runs in a network namespace of its own (re-executed under
# unshare -n, loopback up): its TCP counters and sockets are then only its
# own, not those of the other jobs' network tests. CPU, memory, disks,
# filesystems, processes and cgroups stay the host's.
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "scenarios need root (cgroups, mounts, other users' fds)"
command -v jq >/dev/null || skip "jq not installed"
if [ -z "${TRIAGE_IN_NETNS:-}" ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
	TRIAGE_IN_NETNS=1 exec unshare -n bash "$0" "$@"
fi
[ -n "${TRIAGE_IN_NETNS:-}" ] && ip link set lo up 2>/dev/null
BASE_IDS=""
OUT=""

baseline() {
	BASE_IDS=$($TRIAGE -d 0.5 -i 0.5 --json 2>/dev/null | jq -r '.findings[] | select(.severity != "info") | .id' | sort -u | tr '\n' ' ')
	[ -n "$BASE_IDS" ] && echo "baseline (other activity on this machine): $BASE_IDS"
	return 0
}

# Forks on the whole machine, read by the test itself from /proc/stat.
forks() { awk '/^processes/ {print $2}' /proc/stat; }
FORK_RATE=0

# run_triage ARGS...: the JSON report in $OUT, its exit status in $RC, and
# the machine's fork rate over the same time in $FORK_RATE.
run_triage() {
	local f0 t0
	f0=$(forks); t0=$(date +%s.%N)
	OUT=$($TRIAGE --json "$@"); RC=$?
	FORK_RATE=$(awk -v a="$f0" -v b="$(forks)" -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN{printf "%d", (b - a) / (e - s)}')
	echo "$OUT" | json_ok || fail "triage $*: invalid JSON"
	echo "findings: $(echo "$OUT" | jq -c '[.findings[] | "\(.severity) \(.id) \(.resource) \(.pid // "")"]')"
}

# expect_finding ID RESOURCE [PID]: a warning or critical finding ID on RESOURCE.
expect_finding() {
	local id=$1 res=$2 pid=${3:-} got
	got=$(echo "$OUT" | jq -r --arg id "$id" --arg res "$res" \
		'[.findings[] | select(.id == $id and .resource == $res and .severity != "info")] | length')
	[ "$got" -ge 1 ] || { fail "no $id on $res"; return; }
	if [ -n "$pid" ]; then
		got=$(echo "$OUT" | jq -r --arg id "$id" --arg res "$res" \
			'[.findings[] | select(.id == $id and .resource == $res)][0].pid')
		expect_eq "$id names the process" "$got" "$pid"
	fi
	[ "$RC" -ge 1 ] && [ "$RC" -le 2 ] || fail "exit status $RC with a warning"
}

# no_unrelated ID...: every warning/critical finding is one of the IDs given,
# or was there before the scenario (baseline) or after it (its processes
# ended: the scenario's cleanup function is called, then triage -d 1 again),
# or is about another job's own process, cgroup, filesystem or port (a
# resource "pid:", "cgroup:", "fs:", "tcp:N" not in OURS, the scenario's own).
OURS=""
no_unrelated() {
	local allowed=" $* " id res left=() after
	while IFS=' ' read -r id res; do
		[ -n "$id" ] || continue
		case "$allowed" in *" $id "*) continue ;; esac
		case " $BASE_IDS " in *" $id "*) echo "note: $id was already there before the scenario"; continue ;; esac
		# A real fork storm of other jobs (the scenario itself forks a handful):
		# confirmed by the test's own reading of /proc/stat over the same run.
		if [ "$id" = task.fork_storm ] && [ "$FORK_RATE" -gt 150 ]; then
			echo "note: task.fork_storm is real: $FORK_RATE forks/s on the machine, other jobs'"; continue
		fi
		case "$res" in pid:*|cgroup:*|fs:*|tcp:[0-9]*)
			case " $OURS " in *" $res "*) ;; *) echo "note: $id on $res: another job's"; continue ;; esac ;;
		esac
		left+=("$id $res")
	done < <(echo "$OUT" | jq -r '.findings[] | select(.severity != "info") | "\(.id) \(.resource)"')
	[ ${#left[@]} -eq 0 ] && return
	cleanup >/dev/null 2>&1
	after=$($TRIAGE -d 1 --json 2>/dev/null | jq -r '.findings[] | select(.severity != "info") | .id' | sort -u | tr '\n' ' ')
	for f in "${left[@]}"; do
		case " $after " in *" ${f%% *} "*) echo "note: ${f%% *} is still there after the scenario: another job's" ;;
		*) fail "unrelated warning: $f" ;;
		esac
	done
}

# A loop device over a deliberately slow FUSE file (tests/helpers/slowfs.py,
# writable): slow_loop DELAY SIZE_MIB LIFETIME sets $SLOW_MNT, $SLOW_FS and
# $LOOP (skips when FUSE or loop devices are missing); slow_loop_free undoes
# it (call it from the scenario's EXIT trap).
SLOW_MNT= SLOW_FS= LOOP=
slow_loop() {
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import fusepy' 2>/dev/null || skip "python3-fusepy not installed"
	[ -e /dev/fuse ] || skip "no /dev/fuse"
	command -v losetup >/dev/null || skip "losetup not installed"
	SLOW_MNT=$(mktemp -d /tmp/triage-slowloop.XXXXXX)
	/usr/bin/python3 "$TRIAGE_SRC/tests/helpers/slowfs.py" "$SLOW_MNT" "$1" "$2" "$3" writable &
	SLOW_FS=$!
	for _ in $(seq 50); do [ -e "$SLOW_MNT/data" ] && break; sleep 0.1; done
	[ -e "$SLOW_MNT/data" ] || fail "slowfs did not mount"
	LOOP=$(losetup -f --show "$SLOW_MNT/data") || skip "cannot attach a loop device to a FUSE file here"
}
slow_loop_free() {
	[ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
	[ -n "$SLOW_FS" ] && kill "$SLOW_FS" 2>/dev/null
	[ -n "$SLOW_MNT" ] && { fusermount3 -u -z "$SLOW_MNT" 2>/dev/null || umount -l "$SLOW_MNT" 2>/dev/null; }
	wait 2>/dev/null
	[ -n "$SLOW_MNT" ] && rmdir "$SLOW_MNT" 2>/dev/null
	return 0
}
