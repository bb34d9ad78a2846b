# triage ss: recorded sock_diag dumps (goldens), live loopback conditions
# compared with iproute2 ss, bad input.
. "$TRIAGE_SRC/tests/lib.sh"
F=$FIX/sock
expect_golden ss_fixture_all.txt $TRIAGE ss -a --root "$F"
expect_golden ss_fixture_listen.txt $TRIAGE ss -tl --root "$F"
expect_golden ss_fixture_closewait.txt $TRIAGE ss -t --root "$F" state close-wait state syn-sent
expect_golden ss_fixture_info.txt $TRIAGE ss -ti -4 --root "$F" state established
expect_golden ss_fixture_summary.txt $TRIAGE ss -s --root "$F"
js=$($TRIAGE ss -a --json --root "$F")
echo "$js" | json_ok || fail "json invalid"
# the full listener of the recording: 6 queued against a backlog of 5 (120 %)
expect_eq "fixture full listener" "$(echo "$js" | jq -c '[.sockets[] | select(.state=="LISTEN" and .recv_q>0) | [.recv_q,.send_q,.accept_queue_pct]]')" "[[6,5,120]]"
expect_eq "fixture v6 unread" "$(echo "$js" | jq '[.sockets[] | select(.recv_q==1000)] | .[0].local.addr')" '"::1"'
expect_eq "replay last" "$($TRIAGE ss -a --root "$FIX/fds,$F" | wc -l)" 33
expect_eq "fixture -6 only" "$($TRIAGE ss -a -6 --json --root "$F" | jq '.sockets | length')" 3

# live, in a network namespace of its own when root (then the sockets are
# only this test's and the counts below must agree exactly), on loopback:
# a listener with a full accept queue, 200 CLOSE-WAIT
if [ -z "${TRIAGE_SS_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	TRIAGE_SS_NS=1 exec unshare -n bash -c 'ip link set lo up && exec bash "$0"' "$0"
fi
[ -n "${TRIAGE_SS_NS:-}" ] || skip_part "own network namespace (needs root): this machine's sockets count too, compared within 5% + 5"
out=$(mktemp); trap 'kill $LP 2>/dev/null; rm -f $out' EXIT
python3 "$TRIAGE_SRC/tests/helpers/sockload.py" 20 --full 8 --closewait 200 >"$out" & LP=$!
for i in $(seq 50); do grep -q ready "$out" && break; sleep 0.1; done
read -r _ PFULL PCW <"$out"
[ -n "${PCW:-}" ] || fail "sockload did not start"
live=$($TRIAGE ss -tl --json)
expect_eq "live full listener backlog" "$(echo "$live" | jq ".sockets[] | select(.local.port==$PFULL) | .send_q")" 5
q=$(echo "$live" | jq ".sockets[] | select(.local.port==$PFULL) | .recv_q")
[ "${q:-0}" -gt 0 ] || fail "live full listener: Recv-Q $q, want > 0"
expect_eq "live Recv-Q vs iproute2" "$q" "$(ss -Htln "sport = :$PFULL" | awk '{print $2}')"
cw=$($TRIAGE ss -tp --json state close-wait)
expect_eq "live CLOSE-WAIT count" "$(echo "$cw" | jq "[.sockets[] | select(.local.port==$PCW)] | length")" 200
expect_eq "live CLOSE-WAIT owner" "$(echo "$cw" | jq -c "[.sockets[] | select(.local.port==$PCW) | .processes[0].pid] | unique")" "[$LP]"
expect_eq "live CLOSE-WAIT text" "$($TRIAGE ss -tpn state close-wait | grep -c ":$PCW .*pid=$LP,")" 200
# Counts agree with iproute2 at the same moment: each of ours lies between
# two iproute2 readings (before and after), retried up to 3 times; outside
# our own namespace other jobs open and close connections meanwhile: 5 % + 5.
# bracket NAME OURS_CMD THEIRS_CMD
bracket() {
	local name=$1 ours_cmd=$2 theirs_cmd=$3 try a o b lo hi
	for try in 1 2 3; do
		a=$(eval "$theirs_cmd"); o=$(eval "$ours_cmd"); b=$(eval "$theirs_cmd")
		lo=$(( a < b ? a : b )); hi=$(( a > b ? a : b ))
		[ -n "${TRIAGE_SS_NS:-}" ] || { lo=$(( lo - lo / 20 - 5 )); hi=$(( hi + hi / 20 + 5 )); }
		[ -n "$o" ] && [ "$o" -ge "$lo" ] && [ "$o" -le "$hi" ] && return
	done
	fail "$name: triage $o, iproute2 $a then $b"
}
for st in established close-wait listening time-wait fin-wait-2; do
	key=$st; [ $st = established ] && key=estab; [ $st = listening ] && key=listen
	bracket "live state $st" "$TRIAGE ss -s --json | jq '.tcp_states[\"$key\"]'" "ss -Htan state $st | wc -l"
done
# ss -s: the same summary lines (sockstat/snmp)
field() { sed -n 's/^TCP: *\([0-9]*\) (estab \([0-9]*\), closed \([0-9]*\), orphaned \([0-9]*\), timewait \([0-9]*\))/\'"$1"'/p'; }
bracket "live -s TCP total" "$TRIAGE ss -s | field 1" "ss -s | field 1"
bracket "live -s estab" "$TRIAGE ss -s | field 2" "ss -s | field 2"
bracket "live -s closed" "$TRIAGE ss -s | field 3" "ss -s | field 3"
bracket "live -s timewait" "$TRIAGE ss -s | field 5" "ss -s | field 5"
bracket "live -s Total" "$TRIAGE ss -s | sed -n 's/^Total: //p'" "ss -s | sed -n 's/^Total: //p'"
expect_eq "live -s transport rows" "$($TRIAGE ss -s | grep -cE '^(RAW|UDP|TCP|INET|FRAG)'$'\t')" 5
bracket "live tcp -tan" "$TRIAGE ss -tan | tail -n +2 | wc -l" "ss -Htan | wc -l"
bracket "live udp -uan" "$TRIAGE ss -uan | tail -n +2 | wc -l" "ss -Huan | wc -l"
# sock_diag works without root; owners of other users' sockets are not
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE ss -tp state close-wait 2>&1 >/dev/null)
	case $err in *"without a known owner"*) ;; *) fail "unprivileged -p: '$err'" ;; esac
	n=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE ss -t state close-wait 2>/dev/null | grep -c ":$PCW ")
	expect_eq "unprivileged CLOSE-WAIT count" "$n" 200
fi
kill $LP 2>/dev/null; wait $LP 2>/dev/null

# bad input
expect_exit 2 $TRIAGE ss --bogus
expect_exit 2 $TRIAGE ss state nosuchstate
expect_exit 2 $TRIAGE ss state
expect_exit 2 $TRIAGE ss extra
expect_exit 1 $TRIAGE ss --root /nonexistent
expect_exit 0 $TRIAGE ss --help
E=$(mktemp -d /tmp/triage-ss-empty.XXXXXX)
expect_eq "empty root" "$($TRIAGE ss -a --root "$E" | wc -l)" 1
rm -rf "$E"
done_test
