#!/usr/bin/env bash
# fuzz/run.sh SECONDS BIN...: run each libFuzzer target for SECONDS, seeded with
# (FUZZ_RUNS=N instead: exactly N inputs with a fixed random seed, so that a
# test run is repeatable and cannot fail by the luck of the draw)
# fuzz/seeds/<name>/ and every fixture file (all targets share the fixture
# corpus: a parser fed another format must still not crash). A crash or leak
# fails the run and leaves the input in fuzz/crashes/<name>/.
set -u
secs=$1; shift
cd "$(dirname "$0")/.."
fixcorp=$(mktemp -d /tmp/triage-fuzz-fix.XXXXXX)
trap 'rm -rf "$fixcorp"' EXIT
find tests/fixtures -type f -size -64k 2>/dev/null | head -2000 | while read -r f; do
	cp "$f" "$fixcorp/$(echo "$f" | md5sum | cut -c1-16)"; done
rc=0
for bin in "$@"; do
	name=$(basename "$bin"); name=${name#fuzz_}
	work=$(mktemp -d /tmp/triage-fuzz-$name.XXXXXX)
	mkdir -p "fuzz/seeds/$name" "fuzz/crashes/$name"
	if [ -n "${FUZZ_RUNS:-}" ]; then limit="-runs=$FUZZ_RUNS -seed=1"; else limit="-max_total_time=$secs"; fi
	# shellcheck disable=SC2086
	if "$bin" $limit -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="fuzz/crashes/$name/" "$work" "fuzz/seeds/$name" "$fixcorp" \
		>"$work.log" 2>&1; then
		echo "fuzz $name: ok, $(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work.log" | grep -oE '[0-9]+$') runs $([ -n "${FUZZ_RUNS:-}" ] && echo "(seed 1)" || echo "in ${secs}s")"
	else
		echo "fuzz $name: FAILED"; tail -30 "$work.log"; rc=1
	fi
	rmdir "fuzz/crashes/$name" 2>/dev/null
	rm -rf "$work" "$work.log"
done
exit $rc
