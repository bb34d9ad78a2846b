#!/bin/sh
# Runs bench/bpf_startup.py (as root). libbpf-tools attach classic
# tracepoints and need tracefs; when it is not mounted, mount it in a private
# mount namespace (unshare -m) so the rest of the system is unchanged.
# Usage: bench/bpf_startup.sh [REPS] [RUN_SECONDS] [TOOL...]
cd "$(dirname "$0")/.." || exit 1
if [ -e /sys/kernel/tracing/events ]; then
	exec python3 bench/bpf_startup.py "$@"
fi
exec unshare -m sh -c 'mount -t tracefs tracefs /sys/kernel/tracing && exec python3 bench/bpf_startup.py "$@"' sh "$@"
