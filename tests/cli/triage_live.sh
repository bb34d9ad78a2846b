# `triage` live on this machine: healthy and idle, it reports nothing above
# info, exits 0 and finishes within the duration + 0.5 s (issue 3, Must hold).
. "$TRIAGE_SRC/tests/lib.sh"
command -v vmstat >/dev/null || skip "vmstat (procps) not installed"
# --- live: a healthy idle machine reports nothing above info, exits 0, and
# finishes within the duration + 0.5 s. Other jobs may load this shared
# machine: up to 4 tries; when none is clean, vmstat (the classic tool) says
# whether the machine was idle: if it was not, the check is skipped, saying so.
# The report runs in a PID namespace of its own when it can (root): the
# processes of this machine (a daemon near its fd limit, an application with
# CLOSE-WAIT sockets or deleted files held open) are then not in its view;
# the host-wide resources (CPU, memory, disks, filesystems) still are.
if [ "$(id -u)" = 0 ] && unshare -pf --mount-proc true 2>/dev/null; then
	own() { unshare -pf --mount-proc "$@"; }
else
	own() { "$@"; }
	skip_part "own PID namespace (needs root): this machine's processes are in the report's view"
fi
ok=0
for try in 1 2 3 4; do
	start=$(date +%s.%N)
	out=$(own $TRIAGE -d 2 --json); rc=$?
	secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e-s}')
	echo "$out" | json_ok || fail "live json invalid"
	if [ $rc = 0 ] && awk -v s="$secs" 'BEGIN{exit !(s <= 2.5)}'; then
		ok=1
		# and the text report of a healthy box fits one screen
		n=$(own $TRIAGE -d 1 --no-color | wc -l)
		[ "$n" -le 40 ] || fail "healthy report is $n lines (> 40)"
		break
	fi
	echo "try $try: exit $rc in $secs s: $(echo "$out" | jq -c '[.findings[] | select(.severity != "info") | .id]')"
	sleep 1
done
expect_eq "live keys" "$(echo "$out" | jq -c '[has("resources"), has("findings"), has("unchecked")] | all')" "true"
if [ $ok = 0 ]; then
	read -r r us sy < <(vmstat 1 2 | tail -1 | awk '{print $1, $13, $14}')
	if [ "$r" -gt "$(nproc)" ] || [ $((us + sy)) -gt 50 ]; then
		[ "$T_FAILS" -eq 0 ] && skip "machine not idle (vmstat r=$r us+sy=$((us + sy))%): the healthy-machine and duration checks need it idle"
	fi
	fail "live triage -d 2 never exited 0 within 2.5 s on an idle machine (vmstat r=$r us+sy=$((us + sy))%)"
fi
done_test
