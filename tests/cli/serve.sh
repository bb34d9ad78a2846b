# triage serve: /metrics in both formats (promtool check metrics), /report,
# /healthz, HEAD, 405 and 404, oversized headers, the textfile mode, --store
# (a recording's window), bad --listen and the other usage errors, an address in use, SIGTERM.
# Over a captured tree (--root) so that the figures are the fixture's, and
# once live.
# timeout: 300
. "$TRIAGE_SRC/tests/lib.sh"
command -v curl >/dev/null || skip "curl not installed (make deps)"
tmp=$(mktemp -d /tmp/triage-serve.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ROOT=$FIX/triage_busy/t0
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_ok URL: until it answers 200 (at most 60 s)
wait_ok() { for _ in $(seq 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.25; done; return 1; }
# promtool's lint flags node_exporter's own camelCase names (node_memory_MemTotal_bytes,
# node_netstat_Tcp_InSegs): kept for compatibility; any other problem fails
prom_lint() { promtool check metrics 2>&1 | grep -v -E "^node_(memory|netstat)_[A-Za-z0-9_]+ metric names should be written in 'snake_case' not 'camelCase'$"; }

# 1. usage errors: exit 2, one line; an address in use: exit 1
for bad in 127.0.0.1 127.0.0.1:0 127.0.0.1:99999 nohost:80 '[::1]' '1.2.3.4:80:1' ':9847' 'localhost:x'; do
	expect_exit 2 $TRIAGE serve --listen "$bad" --root "$ROOT"
done
expect_exit 2 $TRIAGE serve -i 0 --root "$ROOT"
expect_exit 2 $TRIAGE serve --top-procs -1 --root "$ROOT"
expect_exit 2 $TRIAGE serve --bogus
expect_exit 1 $TRIAGE serve --textfile /nonexistent/dir --root "$ROOT"
python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(1)
open(sys.argv[1],"w").write(str(s.getsockname()[1])); time.sleep(30)' "$tmp/busy_port" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/busy_port" ] && break; sleep 0.05; done
busy_port=$(cat "$tmp/busy_port")
expect_exit 1 timeout 10 $TRIAGE serve --listen "127.0.0.1:$busy_port" --root "$ROOT"
expect_exit 0 $TRIAGE serve --help

# 2. serving a captured tree
port=$(free_port); url=http://127.0.0.1:$port
timeout 120 $TRIAGE serve --listen "127.0.0.1:$port" -i 0.5 --root "$ROOT" 2>"$tmp/err" &
spid=$!; pids+=($spid)
wait_ok "$url/healthz" || fail "no /healthz 200 within 60 s"
expect_eq "healthz" "$(curl -s "$url/healthz")" "ok"
curl -s -D "$tmp/h" -o "$tmp/m" "$url/metrics"
grep -qi '^Content-Type: text/plain; version=0.0.4' "$tmp/h" || fail "0.0.4 content type: $(cat "$tmp/h")"
lint=$(prom_lint <"$tmp/m"); [ -z "$lint" ] || fail "promtool check metrics (0.0.4): $lint"
# the fixture's figures, node_exporter's names: MemTotal in bytes, 2 CPUs of 8 modes
kb=$(awk '$1 == "MemTotal:" {print $2}' "$ROOT/proc/meminfo")
expect_eq "MemTotal" "$(awk '$1 == "node_memory_MemTotal_bytes" {print $2}' "$tmp/m")" "$((kb * 1024))"
expect_eq "cpu series" "$(grep -c '^node_cpu_seconds_total{' "$tmp/m")" 16
grep -q '^# TYPE node_cpu_seconds_total counter$' "$tmp/m" || fail "node_cpu_seconds_total is not a counter"
grep -q '^triage_finding{id="mem.low_available",resource="memory",severity="critical"} 1$' "$tmp/m" \
	|| fail "the fixture's mem.low_available finding: $(grep triage_finding "$tmp/m")"
grep -q '^triage_rule_value{id="mem.low_available",resource="memory"} 4$' "$tmp/m" || fail "its rule value (4 %)"
# OpenMetrics by negotiation
curl -s -D "$tmp/h2" -o "$tmp/om" -H 'Accept: application/openmetrics-text; version=1.0.0,text/plain;q=0.5' "$url/metrics"
grep -qi '^Content-Type: application/openmetrics-text; version=1.0.0' "$tmp/h2" || fail "OpenMetrics content type"
expect_eq "OpenMetrics ends with # EOF" "$(tail -n 1 "$tmp/om")" "# EOF"
grep -q '^# UNIT node_cpu_seconds seconds$' "$tmp/om" || fail "OpenMetrics # UNIT"
grep -q '^# TYPE node_netstat_Tcp_InSegs unknown$' "$tmp/om" || fail "OpenMetrics: untyped is unknown"
# (promtool check metrics parses 0.0.4 only; Prometheus itself parses the
# OpenMetrics text in tests/cli/serve_prometheus.sh)
# /report: the JSON report of the window
curl -s "$url/report" | json_ok || fail "/report is not JSON"
expect_eq "/report finding" "$(curl -s "$url/report" | jq -r '[.findings[].id] | index("mem.low_available") != null')" true
# HEAD, methods, paths
expect_eq "HEAD status" "$(curl -s -o /dev/null -w '%{http_code}' -I "$url/metrics")" 200
expect_eq "HEAD body" "$(curl -s -I "$url/metrics" | tr -d '\r' | sed '1,/^$/d' | wc -c)" 0
for m in POST PUT DELETE PATCH OPTIONS; do
	expect_eq "$m" "$(curl -s -o /dev/null -w '%{http_code}' -X "$m" "$url/metrics")" 405
done
curl -s -D - -o /dev/null -X POST -d 'x=1' "$url/metrics" | grep -qi '^Allow: GET, HEAD' || fail "405 without Allow"
expect_eq "404" "$(curl -s -o /dev/null -w '%{http_code}' "$url/nope")" 404
expect_eq "404 /metrics/x" "$(curl -s -o /dev/null -w '%{http_code}' "$url/metrics/x")" 404
# an oversized header is refused (431) and the server keeps answering
big=$(head -c 100000 /dev/zero | tr '\0' a)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$url/metrics")
[ "$code" = 431 ] || [ "$code" = 413 ] || [ "$code" = 000 ] || fail "oversized header: $code"
expect_eq "after the oversized header" "$(curl -s -o /dev/null -w '%{http_code}' "$url/metrics")" 200
expect_eq "after the oversized header: stderr" "$(cat "$tmp/err")" ""
# a malformed request line
printf 'GARBAGE\r\n\r\n' | timeout 5 python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1]))); s.sendall(sys.stdin.buffer.read()); s.settimeout(4)
try: s.recv(100)
except Exception: pass' "$port"
expect_eq "after a malformed request" "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz")" 200
# SIGTERM: ends cleanly, exit 0, nothing on stderr
kill -TERM "$spid"; wait "$spid"; rc=$?
expect_eq "exit after SIGTERM" "$rc" 0
[ -s "$tmp/err" ] && fail "stderr: $(cat "$tmp/err")"
grep -q -E 'Sanitizer|runtime error' "$tmp/err" && fail "sanitizer"

# 3. textfile mode: DIR/triage.prom, triage_* only (node_exporter has the rest), no leftovers
mkdir "$tmp/tf"
$TRIAGE serve --textfile "$tmp/tf" -i 0.2 --count 3 --root "$ROOT" || fail "textfile mode exited $?"
[ -s "$tmp/tf/triage.prom" ] || fail "no triage.prom"
expect_eq "textfile: files" "$(ls -A "$tmp/tf")" "triage.prom"
expect_eq "textfile: node_ series" "$(grep -c '^node_' "$tmp/tf/triage.prom")" 0
promtool check metrics <"$tmp/tf/triage.prom" >"$tmp/lint" 2>&1 || fail "promtool on the textfile: $(cat "$tmp/lint")"
grep -q '^triage_finding{id="mem.low_available"' "$tmp/tf/triage.prom" || fail "textfile: the finding"

# 4. --store: the recorder's samples instead of sampling again; the first
#    window from --from: the same findings as the report on that window
S1=$FIX/recording-v1/store
mkdir "$tmp/st"
TZ=UTC $TRIAGE serve --store "$S1" --from "2026-09-21 17:00:00" --textfile "$tmp/st" -i 0.2 --count 1 \
	|| fail "serve --store exited $?"
want=$(TZ=UTC $TRIAGE --store "$S1" --from "2026-09-21 17:00:00" --json | jq -r '.findings[] | .id + " " + .resource + " " + .severity' | sort)
got=$(sed -n 's/^triage_finding{id="\([^"]*\)",resource="\([^"]*\)",severity="\([^"]*\)"} 1$/\1 \2 \3/p' "$tmp/st/triage.prom" | sort)
[ -n "$want" ] || fail "the recorded window has no finding"
expect_eq "serve --store findings" "$got" "$want"
expect_exit 2 $TRIAGE serve --from -1h
expect_exit 2 $TRIAGE serve --store "$S1" --to now

# 5. live, with per-process series for the top 3 (a busy process of the
#    test's own, so that one is there on an idle machine: the report names
#    processes from 5 % of a CPU)
timeout 60 sh -c 'while :; do :; done' &
pids+=($!)
port=$(free_port); url=http://127.0.0.1:$port
timeout 120 $TRIAGE serve --listen "127.0.0.1:$port" -i 1 --top-procs 3 2>"$tmp/err" &
spid=$!; pids+=($spid)
wait_ok "$url/healthz" || fail "live: no /healthz 200 within 60 s"
curl -s "$url/metrics" >"$tmp/m"
lint=$(prom_lint <"$tmp/m"); [ -z "$lint" ] || fail "live: promtool check metrics: $lint"
n=$(grep -c '^triage_process_cpu_ratio{' "$tmp/m")
[ "$n" -ge 1 ] && [ "$n" -le 3 ] || fail "live: $n per-process series, want 1 to 3"
grep -q '^node_cpu_seconds_total{cpu="0",mode="idle"} ' "$tmp/m" || fail "live: node_cpu_seconds_total"
kill -INT "$spid"; wait "$spid"; expect_eq "exit after SIGINT" "$?" 0
done_test
