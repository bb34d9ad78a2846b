# One CPU count for every command (sources/sys_cpu.c sys_cpu_count_read):
# sysstat's cpu_nr, the highest sys/devices/system/cpu/cpuN directory + 1,
# else proc/stat's highest cpuN + 1. cpu_nine: cpu0..cpu8 directories, no
# online file, CPU 3 offline (8 cpuN lines in proc/stat, 8 processors in
# cpuinfo): 9, as sysstat prints (pidstat printed cpuinfo's 8). cpu_nosys: no
# sys/devices/system/cpu and no cpuinfo, proc/stat has cpu0..cpu2: 3
# (pidstat printed 0).
. "$TRIAGE_SRC/tests/lib.sh"

ncpu() { "$TRIAGE" "$@" 2>&1 | head -1 | sed -n 's/.*(\([0-9]*\) CPU)$/\1/p'; }
for fx in cpu_nine:9 cpu_nosys:3; do
	root=$FIX/${fx%:*} want=${fx#*:}
	expect_eq "pidstat ${fx%:*}" "$(ncpu pidstat --root "$root")" "$want"
	expect_eq "pidstat -p ${fx%:*}" "$(ncpu pidstat -p 42 --root "$root")" "$want"
	expect_eq "iostat ${fx%:*}" "$(ncpu iostat -c --root "$root")" "$want"
	expect_eq "mpstat ${fx%:*}" "$(ncpu mpstat --root "$root")" "$want"
	expect_eq "sar ${fx%:*}" "$(ncpu sar -n DEV --root "$root")" "$want"
done
done_test
