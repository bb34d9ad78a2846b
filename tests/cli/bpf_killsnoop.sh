# timeout: 90
# killsnoop live: a python process (started waiting on a FIFO, so that its
# PID is known first) sends SIGUSR1 to its child, SIGTERM to a PID that
# cannot exist (4194304 = the largest pid_max, PIDs are below it), and
# reaps the child. 1. --json -p: the SIGUSR1 with sender, target, call kill,
# SI_USER, delivered; the failed kill with ESRCH. 2. text -x with the raw_tp
# programs: the failed kill only. 3. -s CHLD: the kernel's SIGCHLD, the
# exiting child as sender, CLD_EXITED, no call.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
expect_exit 0 $TRIAGE killsnoop --help
expect_exit 2 $TRIAGE killsnoop --bogus
expect_exit 2 $TRIAGE killsnoop -s NOSUCH
expect_exit 2 $TRIAGE killsnoop -s 65
expect_exit 2 $TRIAGE killsnoop -d x
expect_exit 2 $TRIAGE killsnoop extra
expect_exit 2 $TRIAGE killsnoop -p abc
wp=
trap '[ -n "$wp" ] && kill $wp 2>/dev/null; bt_cleanup' EXIT
# sender NAME: start the python sender waiting on $BT/go.NAME; wp its PID
sender() {
	mkfifo "$BT/go.$1"
	python3 -c '
import os, signal, sys, time
open(sys.argv[1]).read()
r, w = os.pipe()
child = os.fork()
if child == 0:
    signal.signal(signal.SIGUSR1, lambda *a: os._exit(0))
    os.close(r); os.close(w)      # tell the parent the handler is set
    time.sleep(10)
    os._exit(1)
os.close(w); os.read(r, 1)
open(sys.argv[2], "w").write(str(child))
os.kill(child, signal.SIGUSR1)
try:
    os.kill(4194304, signal.SIGTERM)
except ProcessLookupError:
    pass
os.waitpid(child, 0)
' "$BT/go.$1" "$BT/child.$1" &
	wp=$!
}
go() { echo go >"$BT/go.$1"; wait $wp || fail "$1: the sender failed"; wp=; }

# 1. JSON, -p
sender json; pp=$wp
bt_start json killsnoop --json -p "$pp" -d 4 || done_test
go json
bt_wait
out=$BT/json.out; child=$(cat "$BT/child.json")
echo "[$(paste -sd, "$out")]" | json_ok || fail "json invalid: $(cat "$out")"
expect_eq "only the sender's signals" "$(jq -r .pid "$out" | sort -u)" "$pp"
usr1=$(jq -c 'select(.signal == "SIGUSR1")' "$out")
expect_eq "one SIGUSR1" "$(echo "$usr1" | grep -c .)" 1
expect_eq "SIGUSR1 fields" "$(echo "$usr1" | jq -c '[.comm, .signo, .target_pid, .target_tid, .target_comm, .call, .code_name, .group, .result, .errno]')" \
	"[\"python3\",10,$child,$child,\"python3\",\"kill\",\"SI_USER\",true,\"delivered\",null]"
bad=$(jq -c 'select(.result == "failed")' "$out")
expect_eq "failed kill fields" "$(echo "$bad" | jq -c '[.comm, .signal, .target_pid, .call, .errno, .target_comm]')" \
	'["python3","SIGTERM",4194304,"kill","ESRCH",null]'
expect_eq "event fields" "$(echo "$usr1" | jq -c 'keys')" \
	'["call","code","code_name","comm","errno","group","pid","result","signal","signo","target_comm","target_pid","target_tid","tid","time"]'

# 2. text, -x, raw_tp programs
sender x
TRIAGE_BPF_RAW_TP=1 bt_start x killsnoop -x -d 4 || done_test
types=$(bpftool prog list -j | jq -r '.[] | select(.name == "signal_raw" or .name == "signal_btf") | "\(.name) \(.type)"' | sort -u)
go x
bt_wait
expect_eq "loaded as raw tracepoints" "$types" "signal_raw raw_tracepoint"
head -1 "$BT/x.out" | grep -q '^TIME     PID     COMM             SIG       TPID    TCOMM            CALL   CODE        RESULT$' ||
	fail "header: $(head -1 "$BT/x.out")"
line=$(grep -E '^[0-9:]{8} [0-9]+ +python3 +SIGTERM +4194304 +- +kill +- +-1 ESRCH$' "$BT/x.out")
[ -n "$line" ] || fail "no failed kill line: $(cat "$BT/x.out")"
grep -q ' SIGUSR1 .* delivered$' "$BT/x.out" && fail "-x printed a delivered signal: $(grep SIGUSR1 "$BT/x.out")"
grep -q ' delivered$' "$BT/x.out" && fail "-x printed delivered signals: $(grep ' delivered$' "$BT/x.out" | head -3)"

# 3. -s CHLD: the kernel's signal to the parent, sent by the exiting child
sender chld; pp=$wp
bt_start chld killsnoop --json -s CHLD -d 4 || done_test
go chld
bt_wait
child=$(cat "$BT/child.chld")
ev=$(jq -c --argjson p "$pp" --argjson c "$child" 'select(.pid == $c and .target_pid == $p)' "$BT/chld.out")
[ -n "$ev" ] || fail "no SIGCHLD from $child to $pp: $(cat "$BT/chld.out")"
# "ignored": SIGCHLD at SIG_DFL is ignored by default (waitpid still reaps)
expect_eq "SIGCHLD fields" "$(echo "$ev" | jq -c '[.signal, .call, .code_name, .result]')" '["SIGCHLD",null,"CLD_EXITED","ignored"]'
expect_eq "only SIGCHLD" "$(jq -r .signal "$BT/chld.out" | sort -u)" SIGCHLD
bt_no_leftovers
done_test
