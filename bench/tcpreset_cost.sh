#!/bin/bash
# The reset probe's cost in the triage report (tcp.refused's port and
# clients): triage's CPU over the default 5 s window with the probe
# (default: loaded after the first interval whose counters show refused
# connects) and without (TRIAGE_RESETS=off), on an idle namespace and while
# a client makes ~300 refused connects a second to a closed loopback port;
# then the probe's own cost per reset from the kernel's BPF run statistics
# (kernel.bpf_stats_enabled, switched on for a few seconds and restored).
# Usage: bench/tcpreset_cost.sh [RUNS]   (as root; in a network namespace of its own)
set -u
RUNS=${1:-5}
if [ -z "${TCPRESET_IN_NETNS:-}" ]; then
	TCPRESET_IN_NETNS=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up
refuse() {
	python3 -c '
import socket, sys, time
end = time.time() + float(sys.argv[1])
while time.time() < end:
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", 9))
    except OSError:
        pass
    s.close()
    time.sleep(0.0025)' "$1" &
	CLIENT=$!
}
CLIENT=
trap '[ -n "$CLIENT" ] && kill $CLIENT 2>/dev/null; wait 2>/dev/null' EXIT
run() {
	local label=$1; shift
	env "$@" perf stat -r "$RUNS" -x, -e task-clock ./triage --json 2>&1 >/dev/null |
		awk -F, -v l="$label" '/task-clock/ {printf "| %s | %.1f | %s |\n", l, $1, $4}'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| triage, 5 s window | task-clock ms (mean of $RUNS) | +- |"
echo "|---|---|---|"
run "idle, default (the probe is not loaded)" X=1
run "idle, TRIAGE_RESETS=off" TRIAGE_RESETS=off
refuse $((RUNS * 14 + 10))
sleep 0.5
run "refusing ~300/s, default (loaded after the first interval)" X=1
run "refusing ~300/s, TRIAGE_RESETS=off" TRIAGE_RESETS=off
kill $CLIENT 2>/dev/null; wait 2>/dev/null
echo
old=$(sysctl -n kernel.bpf_stats_enabled)
sysctl -qw kernel.bpf_stats_enabled=1
for raw in 0 1; do
	refuse 6
	sleep 0.3
	TRIAGE_BPF_RAW_TP=$raw TRIAGE_RESETS=on ./triage -d 4 -i 1 --json >/dev/null &
	t=$!
	sleep 3.5
	bpftool prog show -j | jq -r '.[] | select(.name == "reset_btf" or .name == "reset_raw") |
		"\(.name): \(.run_cnt) resets, \((.run_time_ns / .run_cnt) | floor) ns each (bpf_stats)"'
	wait $t; kill $CLIENT 2>/dev/null; wait 2>/dev/null
done
sysctl -qw kernel.bpf_stats_enabled="$old"
