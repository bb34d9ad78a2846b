# triage serve scraped by a real Prometheus server (Debian's prometheus) on
# loopback every second, with the generated alerting rules (`triage --rules
# --format prometheus`, a 1 s `for`): a listener that never accepts and a
# flood of connects (tests/scenarios/triage_tcp_listen_overflow.sh's
# condition) must give, through Prometheus's HTTP API, the series
# triage_finding{id="tcp.listen_overflow",resource="tcp:PORT"} and the
# alert TriageTcpListenOverflow firing. Then robustness while Prometheus
# keeps scraping: 200 concurrent scrapes, slow clients holding connections
# open, malformed requests and oversized headers; the server keeps
# answering and its memory stays bounded.
# timeout: 400
. "$TRIAGE_SRC/tests/lib.sh"
command -v prometheus >/dev/null || skip "prometheus not installed (make deps)"
command -v curl >/dev/null || skip "curl not installed (make deps)"
tmp=$(mktemp -d /tmp/triage-serve-prom.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ok() { for _ in $(seq "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; return 1; }
# q PROMQL: the query's result vector as JSON
note() { echo "[$SECONDS s] $*"; }
q() { curl -s --get --data-urlencode "query=$1" "http://127.0.0.1:$pport/api/v1/query" | jq -c '.data.result'; }

tport=$(free_port); pport=$(free_port)
$TRIAGE --rules --format prometheus --for 1 --window 10 >"$tmp/rules.yml" || fail "--rules --format prometheus"
promtool check rules "$tmp/rules.yml" >"$tmp/lint" 2>&1 || fail "promtool check rules: $(cat "$tmp/lint")"
cat >"$tmp/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $tmp/rules.yml
scrape_configs:
  - job_name: triage
    static_configs:
      - targets: ['127.0.0.1:$tport']
YML
timeout 300 $TRIAGE serve --listen "127.0.0.1:$tport" -i 1 2>"$tmp/serve.err" &
spid=$!; pids+=($spid)
for _ in $(seq 100); do cpid=$(cat "/proc/$spid/task/$spid/children" 2>/dev/null); [ -n "$cpid" ] && break; sleep 0.05; done
cpid=${cpid%% *}
timeout 300 prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" \
	--web.listen-address="127.0.0.1:$pport" >"$tmp/prom.log" 2>&1 &
pids+=($!)
note "started"
wait_ok "http://127.0.0.1:$tport/healthz" 120 || fail "triage serve never became healthy"
wait_ok "http://127.0.0.1:$pport/-/ready" 120 || { fail "prometheus never became ready: $(tail -5 "$tmp/prom.log")"; done_test; }

note "both ready"
# the condition: a listener (backlog 2) that never accepts, connects for 40 s
python3 - "$tmp/port" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(2)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(45)       # never accept()
PY
pids+=($!); lpid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")
python3 - "$port" <<'PY' &
import resource, socket, sys, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
socks, end = [], time.time() + 40
while time.time() < end:
    if len(socks) < 3000:
        c = socket.socket(); c.setblocking(False)
        try:
            c.connect(("127.0.0.1", int(sys.argv[1])))
        except BlockingIOError:
            pass
        socks.append(c)
    time.sleep(0.02)
PY
pids+=($!)

note "flooding port $port"
# the finding's series through Prometheus, with its labels
sel="triage_finding{id=\"tcp.listen_overflow\",resource=\"tcp:$port\"}"
got=""
for _ in $(seq 60); do
	got=$(q "$sel")
	[ "$got" != "[]" ] && [ -n "$got" ] && break
	sleep 1
done
[ "$got" != "[]" ] && [ -n "$got" ] || fail "no $sel in Prometheus (triage_finding: $(q triage_finding))"
expect_eq "finding labels" "$(echo "$got" | jq -r '.[0].metric | [.id, .resource, .severity, .job, .instance] | join(" ")')" \
	"tcp.listen_overflow tcp:$port warning triage 127.0.0.1:$tport"
expect_eq "finding value" "$(echo "$got" | jq -r '.[0].value[1]')" 1
rv=$(q "triage_rule_value{id=\"tcp.listen_overflow\"}" | jq -r '.[0].value[1] // empty')
awk -v v="$rv" 'BEGIN { exit !(v > 0) }' || fail "triage_rule_value of tcp.listen_overflow: '$rv'"
note "the finding is in Prometheus"
# the generated alert fires (for: 1s)
state=""
for _ in $(seq 40); do
	state=$(curl -s "http://127.0.0.1:$pport/api/v1/alerts" |
		jq -r '[.data.alerts[] | select(.labels.alertname == "TriageTcpListenOverflow" and .labels.severity == "warning")][0].state // empty')
	[ "$state" = firing ] && break
	sleep 1
done
expect_eq "alert TriageTcpListenOverflow" "$state" firing
note "the alert fires"
# Prometheus parsed what it scraped (it asks for OpenMetrics first)
tgt=$(curl -s "http://127.0.0.1:$pport/api/v1/targets" | jq -r '.data.activeTargets[0] | .health + " " + .lastError')
expect_eq "target health" "$tgt" "up "
expect_eq "node_cpu_seconds_total in Prometheus" "$(q 'count(node_cpu_seconds_total{mode="idle"}) > 0' | jq -r '.[0].value[1] // 0' | awk '$1 > 0 {print "yes"}')" yes

# robustness: slow clients, 200 concurrent scrapes, malformed and oversized requests
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$cpid/status"; }
rss0=$(rss)
python3 - "$tport" <<'PY' &
import socket, sys, time
# 100 clients that send half a request line, a byte a second, and hold on
socks = []
for _ in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2); s.sendall(b"GET /met"); socks.append(s)
    except OSError:
        pass
for _ in range(40):
    for s in socks:
        try: s.sendall(b"r")
        except OSError: pass
    time.sleep(1)
PY
slow=$!; pids+=($slow)
sleep 1
note "slow clients connected"
python3 - "$tport" >"$tmp/codes" <<'PY'
import sys, threading, urllib.request
codes = []
def scrape():
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=20) as r:
            r.read(); codes.append(r.status)
    except Exception as e:
        codes.append(type(e).__name__)
ts = [threading.Thread(target=scrape) for _ in range(200)]
for t in ts: t.start()
for t in ts: t.join()
for c in codes: print(c)
PY
expect_eq "200 concurrent scrapes" "$(sort "$tmp/codes" | uniq -c | awk '{print $1 " " $2}')" "200 200"
note "200 concurrent scrapes done"
python3 - "$tport" <<'PY'
import socket, sys
bad = [b"GARBAGE\r\n\r\n", b"GET /metrics HTTP/9.9\r\n\r\n", b"\x00\xff\xfe\r\n\r\n",
       b"GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
       b"GET /metrics HTTP/1.1\r\n" + b"X-A: " + b"a" * 200000 + b"\r\n\r\n",
       b"GET /" + b"x" * 100000 + b" HTTP/1.1\r\n\r\n",
       b"GET /metrics HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(5000)) + b"\r\n"]
for req in bad * 3:
    try:
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
        s.sendall(req); s.recv(200); s.close()
    except OSError:
        pass
PY
note "malformed requests sent"
expect_eq "after malformed requests" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$tport/metrics")" 200
# while the slow clients still hold their connections
kill -0 "$slow" 2>/dev/null || skip_part "the slow clients ended before the check"
expect_eq "with slow clients connected" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$tport/healthz")" 200
rss1=$(rss)
# bounded: at most 64 MiB more than before the storm
[ "$((rss1 - rss0))" -lt 65536 ] || fail "RSS grew from $rss0 kB to $rss1 kB"
sleep 3
expect_eq "Prometheus still scrapes" "$(q 'up{job="triage"}' | jq -r '.[0].value[1]')" 1
kill -TERM "$spid"; wait "$spid"; expect_eq "serve exit after SIGTERM" "$?" 0
grep -q -E 'Sanitizer|runtime error' "$tmp/serve.err" && fail "sanitizer: $(cat "$tmp/serve.err")"
echo "RSS ${rss0} kB before the storm, ${rss1} kB after"
done_test
