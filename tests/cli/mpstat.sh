# triage mpstat: fixtures vs golden files (values checked by hand in
# tests/unit/test_model_cpu.c and below), bad input, and live side by side
# with sysstat mpstat while a busy loop runs pinned to one CPU.
. "$TRIAGE_SRC/tests/lib.sh"
export TZ=UTC
ARCH=$(uname -m)
# the banner names this machine's architecture, as sysstat does: normalise it
norm() { sed "s/_${ARCH}_/_ARCH_/; s/\"machine\": \"$ARCH\"/\"machine\": \"ARCH\"/"; }
mp() { $TRIAGE mpstat "$@" 2>&1 | norm; }
for c in cpu2 cpu64 oldkernel; do
	R=$FIX/$c/t0,$FIX/$c/t1
	expect_golden mpstat-$c-P-ALL.txt mp -P ALL --root "$R"
	expect_golden mpstat-$c.txt mp --root "$R"
	expect_golden mpstat-$c.json mp -P ALL --json --root "$R"
done
expect_golden mpstat-cpu2-boot.txt mp -P ALL --root "$FIX/cpu2/t1"
expect_golden mpstat-cpu64-P-list.txt mp -P 0,4,5-6,63 --root "$FIX/cpu64/t0,$FIX/cpu64/t1"

# 64 CPUs, hand-computed: CPU 5 went offline and CPU 6 came back, so "all"
# is 62 CPUs x 100 ticks = 6200; usr = 100 (cpu0) + 50 (cpu2) + 20 (cpu4:
# user 60 - guest 40) = 170 -> 2.74 %; idle = 50+75+20+56*100+80 = 5825 -> 93.95 %
out=$($TRIAGE mpstat -P ALL --root "$FIX/cpu64/t0,$FIX/cpu64/t1")
all=$(echo "$out" | awk '$2 == "all" && $1 != "Average:" {print $3, $12}')
expect_eq "cpu64 all usr idle" "$all" "2.74 93.95"
expect_eq "cpu64 cpu4" "$(echo "$out" | awk '$2 == "4" && $1 != "Average:" {print $3, $4, $10, $11, $12}')" "20.00 10.00 40.00 10.00 20.00"
# --dec=1: 170/6200 = 2.74 -> 2.7
expect_eq "cpu64 --dec=1" "$($TRIAGE mpstat --dec=1 --root "$FIX/cpu64/t0,$FIX/cpu64/t1" | awk '$1 == "Average:" {print $3, $12}')" "2.7 94.0"
expect_exit 2 $TRIAGE mpstat --dec=3
expect_eq "cpu64 offline 5 not shown" "$(echo "$out" | awk '$2 == "5"' | wc -l)" "0"
expect_eq "cpu64 new 6 not shown" "$(echo "$out" | awk '$2 == "6"' | wc -l)" "0"
expect_eq "cpu64 lines per report" "$(echo "$out" | awk '$1 != "Average:" && $2 ~ /^[0-9]+$/' | wc -l)" "62"
# 2.6.18, 8 columns, no sysfs: CPU 0 ticks 80+20+140+5+5 = 250, usr 80/250 = 32 %
expect_eq "oldkernel cpu0" "$($TRIAGE mpstat -P 0 --root "$FIX/oldkernel/t0,$FIX/oldkernel/t1" | awk '$1 == "Average:" && $2 == "0" {print $3, $4, $5, $12}')" "32.00 0.00 8.00 56.00"
expect_eq "oldkernel ncpu" "$($TRIAGE mpstat --root "$FIX/oldkernel/t0" | head -1 | grep -o '(2 CPU)')" "(2 CPU)"
js=$($TRIAGE mpstat -P ALL --json --root "$FIX/cpu2/t0,$FIX/cpu2/t1")
echo "$js" | json_ok || fail "json invalid"
expect_eq "json cpus" "$(echo "$js" | jq '.statistics[0].cpu_load | length')" "3"
expect_eq "json avg" "$(echo "$js" | jq -r '.average.cpu_load[0].cpu')" "all"
expect_eq "iso date" "$(S_TIME_FORMAT=ISO $TRIAGE mpstat --root "$FIX/cpu2/t0" | head -1 | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}')" "2026-11-21"

# NUMA: tests/fixtures/numa (2 nodes, hand-computed in its README): node0
# = CPUs 0-1, 200 ticks, usr 70 -> 35.00, idle 120 -> 60.00; node1 = CPUs 2-3,
# usr 80 -> 40.00, nice 10 -> 5.00, sys 20 -> 10.00, iowait 10 -> 5.00
N=$FIX/numa/t0,$FIX/numa/t1
nodes=$($TRIAGE mpstat -N ALL --root "$N")
expect_eq "-N ALL rows" "$(echo "$nodes" | awk '$1 == "Average:" && $2 != "NODE" {print $2, $3, $4, $5, $6, $12}' | tr '\n' ';')" \
	"all 37.50 2.50 7.50 2.50 50.00;0 35.00 0.00 5.00 0.00 60.00;1 40.00 5.00 10.00 5.00 40.00;"
expect_eq "-N ALL alone: no CPU table" "$(echo "$nodes" | grep -c ' CPU ')" "0"
expect_eq "-N 1" "$($TRIAGE mpstat -N 1 --root "$N" | awk '$1 == "Average:" && $2 != "NODE" {print $2}' | tr '\n' ' ')" "1 "
expect_eq "-n: all only" "$($TRIAGE mpstat -n --root "$N" | awk '$1 == "Average:" && $2 != "NODE" {print $2}' | tr '\n' ' ')" "all "
expect_exit 2 $TRIAGE mpstat -N x --root "$N"
# -T: CORE (first of thread_siblings_list) SOCK (physical_package_id) NODE
expect_golden mpstat-numa-T.txt mp -T -P ALL --root "$N"
expect_eq "-T cpu3" "$($TRIAGE mpstat -T -P 3 --root "$N" | awk '$1 == "Average:" && $2 == "3" {print $3, $4, $5, $6, $8, $9}')" "2 1 1 0.00 10.00 10.00"
js=$($TRIAGE mpstat -T -N ALL -u -P ALL -o JSON --root "$N")
echo "$js" | json_ok || fail "json -T -N invalid"
expect_eq "json node_load" "$(echo "$js" | jq -c '.average.node_load[2] | [.node, .usr, .iowait]')" '["1",40,5]'
expect_eq "json topology" "$(echo "$js" | jq -c '.statistics[0].cpu_load[3] | [.cpu, .core, .socket, .node]')" '["2",2,1,1]'
# -A: the CPU table (-P ALL), the node table (-N ALL), the three -I tables
a=$($TRIAGE mpstat -A --root "$N" 2>/dev/null | awk '$1 == "Average:" && ($2 == "CPU" || $2 == "NODE") {print $2, $3}' | tr '\n' ';')
expect_eq "-A tables" "$a" "CPU %usr;NODE %usr;CPU intr/s;"
expect_eq "-A -P 1: CPU 1 only" "$($TRIAGE mpstat -A -P 1 --root "$N" 2>/dev/null | awk '$1 == "Average:" && $3 ~ /\./ && $2 ~ /^[0-9]/' | head -1 | awk '{print $2}')" "1"
# no node directory: every CPU in node 0, one message
expect_eq "no node dir" "$($TRIAGE mpstat -N ALL --root "$FIX/cpu2/t0,$FIX/cpu2/t1" 2>&1 >/dev/null)" \
	"triage: mpstat: cannot read $FIX/cpu2/t0/sys/devices/system/node (every CPU taken as node 0): No such file or directory"

# a stream (an interval, no count): JSON Lines; Ctrl-C ends it with the average
lines=$(timeout -s INT 2.6 $TRIAGE mpstat --json 1)
expect_eq "json lines valid" "$(echo "$lines" | while read -r l; do echo "$l" | json_ok || echo bad; done | grep -c bad)" "0"
[ "$(echo "$lines" | wc -l)" -ge 2 ] || fail "json lines: $(echo "$lines" | wc -l) lines in 2.6 s"
expect_eq "json lines average last" "$(echo "$lines" | tail -1 | jq -r '.average.cpu_load[0].cpu')" "all"

# bad input
expect_exit 2 $TRIAGE mpstat --bogus
expect_exit 2 $TRIAGE mpstat -Z
expect_exit 2 $TRIAGE mpstat abc
expect_exit 2 $TRIAGE mpstat 1 -3
expect_exit 2 $TRIAGE mpstat 1 0
expect_exit 2 $TRIAGE mpstat 0
expect_exit 2 $TRIAGE mpstat 1 2 3
expect_exit 2 $TRIAGE mpstat -P x
expect_exit 2 $TRIAGE mpstat -P 99 --root "$FIX/cpu2/t0"
expect_exit 1 $TRIAGE mpstat --root /nonexistent
E=/tmp/triage-mpstat-empty.$$
mkdir -p $E/proc && echo "5.00 1.00" >$E/proc/uptime
expect_exit 1 $TRIAGE mpstat --root $E
echo "garbage" >$E/proc/stat
expect_exit 1 $TRIAGE mpstat --root $E
# a malformed line: the message names the file and the line
printf 'cpu  1 2 3 4\ncpu0 1 2 3 4\nctxt x\n' >$E/proc/stat
expect_eq "parse error" "$($TRIAGE mpstat --root $E 2>&1)" "triage: mpstat: cannot parse $E/proc/stat line 3"
expect_eq "vmstat parse error" "$($TRIAGE vmstat --root $E 2>&1 >/dev/null)" "triage: vmstat: cannot parse $E/proc/stat line 3"
printf 'MemTotal: 100 kB\nMemFree: zz kB\n' >$E/proc/meminfo
expect_eq "free parse error" "$($TRIAGE free --root $E 2>&1)" "triage: free: cannot parse $E/proc/meminfo line 2"
rm -rf $E
expect_exit 0 $TRIAGE mpstat --help

# -H (sysstat 12.7): a CPU hot-added between snapshots t0 (2 CPUs) and t1 (3)
# gets rows from the next interval on (t1 -> t2: 10 usr, 10 sys, 80 idle of
# its 100 ticks); without -H the CPU count stays the first sample's.
HP=$TRIAGE_SRC/tests/fixtures/cpu_hotplug
out=$($TRIAGE mpstat -H -P ALL --root "$HP/t0,$HP/t1,$HP/t2")
expect_eq "-H: cpu 2 in the second interval" "$(echo "$out" | awk '$2 == 2 {print $3, $5, $12}')" "10.00 10.00 80.00"
expect_eq "-H: all of the second interval" "$(echo "$out" | awk '$2 == "all" {v = $3 " " $5 " " $12} /^$/ && v {n++} n == 2 {print v; exit}')" "20.00 10.00 70.00"
expect_eq "no -H: no cpu 2" "$($TRIAGE mpstat -P ALL --root "$HP/t0,$HP/t1,$HP/t2" | awk '$2 == 2' | wc -l)" 0
# -U: the time column in seconds since the epoch (btime 1795238387 + uptime 687.30, 688.32)
out=$($TRIAGE mpstat -U --root "$HP/t0,$HP/t1")
expect_eq "-U header" "$(echo "$out" | awk '$2 == "CPU" {print $1; exit}')" 1795239074
expect_eq "-U row" "$(echo "$out" | awk '$2 == "all" {print $1; exit}')" 1795239075
expect_eq "-U JSON timestamp" "$($TRIAGE mpstat -U --json --root "$HP/t0,$HP/t1" | jq -r '.statistics[0].timestamp')" 1795239075

# live: a busy loop pinned to the last CPU, triage and sysstat over the same second
if command -v mpstat >/dev/null && command -v taskset >/dev/null; then
	cpu=$(( $(nproc) - 1 ))
	taskset -c $cpu timeout 6 sh -c 'while :; do :; done' &
	loop=$!
	trap 'kill $loop 2>/dev/null' EXIT
	sleep 0.5
	$TRIAGE mpstat -P ALL 1 1 >/tmp/triage-mp.$$ &
	ours_pid=$!
	LC_ALL=C mpstat -P ALL 1 1 >/tmp/sys-mp.$$
	wait $ours_pid
	ours=$(awk -v c=$cpu '$1 == "Average:" && $2 == c {print $3}' /tmp/triage-mp.$$)
	theirs=$(awk -v c=$cpu '$1 == "Average:" && $2 == c {print $3}' /tmp/sys-mp.$$)
	echo "live CPU $cpu %usr: triage $ours, sysstat $theirs"
	# the loop keeps its CPU busy (how much of it the loop gets depends on
	# what else the machine runs: a loaded CI box gives it a third)
	idle=$(awk -v c=$cpu '$1 == "Average:" && $2 == c {print $12}' /tmp/triage-mp.$$)
	awk -v i="$idle" 'BEGIN { exit !(i + 0 < 80) }' || fail "live busy cpu: %idle $idle"
	# same second, two samplers a few ms apart: within 10 points of sysstat
	expect_near "live usr vs sysstat" "$ours" "$theirs" 10
	for col in 3 5 12; do
		o=$(awk -v c=$cpu -v k=$col '$1 == "Average:" && $2 == "all" {print $k}' /tmp/triage-mp.$$)
		t=$(awk -v c=$cpu -v k=$col '$1 == "Average:" && $2 == "all" {print $k}' /tmp/sys-mp.$$)
		expect_near "live all column $col" "$o" "$t" 10
	done
	expect_eq "live layout" "$(sed -n 3p /tmp/triage-mp.$$ | cut -c9-)" "$(sed -n 3p /tmp/sys-mp.$$ | cut -c9-)"
	# since boot: identical to sysstat (same counters, read within ms)
	o=$($TRIAGE mpstat | awk '$2 == "all" {print $12}'); t=$(LC_ALL=C mpstat | awk '$2 == "all" {print $12}')
	expect_near "live since-boot idle" "$o" "$t" 0.05
	# -A, same second: every CPU and node line of sysstat's -A, -u columns
	# within 10 points (the tables other than SUM; SUM per CPU differs on purpose)
	$TRIAGE mpstat -A 1 1 >/tmp/triage-mpA.$$ 2>/dev/null &
	ours_pid=$!
	LC_ALL=C mpstat -A 1 1 >/tmp/sys-mpA.$$
	wait $ours_pid
	cmpA=$(awk 'FNR == 1 { f++ } $1 == "Average:" && ($2 == "CPU" || $2 == "NODE") { t = $3 == "%usr" ? $2 : ""; next }
		$1 == "Average:" && NF == 12 && (t == "CPU" || t == "NODE") {
			k = t " " $2; if (f == 1) { v[k] = $0; next }
			if (!(k in v)) { print "missing " k; next }
			split(v[k], o); n++
			for (i = 3; i <= 12; i++) { d = o[i] - $i; if (d < 0) d = -d; if (d > 10) print k " col " i ": " o[i] " vs " $i }
		}
		END { if (!n) print "nothing compared" }' /tmp/triage-mpA.$$ /tmp/sys-mpA.$$)
	echo "live -A: $(awk '$1 == "Average:" && $2 == "all" {print $3; exit}' /tmp/triage-mpA.$$) vs $(awk '$1 == "Average:" && $2 == "all" {print $3; exit}' /tmp/sys-mpA.$$) all %usr"
	[ -z "$cmpA" ] || fail "live -A vs sysstat: $cmpA"
	rm -f /tmp/triage-mpA.$$ /tmp/sys-mpA.$$
	kill $loop 2>/dev/null; wait $loop 2>/dev/null
	rm -f /tmp/triage-mp.$$ /tmp/sys-mp.$$
else
	skip_part "live: sysstat mpstat or taskset not installed (make deps)"
fi
done_test
