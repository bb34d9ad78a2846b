# Fold `perf script` output into "comm;outer;...;leaf count" lines: what
# FlameGraph's stackcollapse-perf.pl does (without its options). A sample is
# a header line ("comm pid ... cpu-clock:"), frame lines ("\taddr sym+off
# (dso)") leaf first, and a blank line.
/^[^ \t]/ { comm = $1; n = 0; next }
/^[ \t]/ { sym = $2; sub(/\+0x[0-9a-f]+$/, "", sym); f[n++] = sym; next }
/^$/ {
	if (comm == "") next
	s = comm
	for (i = n - 1; i >= 0; i--) s = s ";" f[i]
	cnt[s]++
	comm = ""
}
END { for (s in cnt) print s, cnt[s] }
