# timeout: 120
# strace live: a program with known syscalls (tests/progs/strace_known),
# traced with -p from before its first known call: each call's line with its
# decoded arguments, the fd's target, the flags, the errno of a failing open
# and of a refused connect; the same lines real strace -f -y prints; -c's
# counts exactly; --json, -e, -f, -o, -s; hostile path bytes escaped; the
# tool ends by itself when the process is gone, leaving nothing attached.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"
PROG=$TRIAGE_SRC/.output/progs/strace_known
[ -x "$PROG" ] || { fail "missing $PROG (make progs)"; done_test; }
echo data12345 >"$BT/file.txt"
# a port nobody listens on, in a network namespace of our own when we can
PORT=1

# run_known NAME N MISSING ARGS...: start strace_known, wait until it blocks
# reading the fifo (syscall 0 on x86_64, read), trace it with ARGS, let it
# go, wait for both. The tool must end by itself (the process is gone).
run_known() {
	local name=$1 n=$2 missing=$3 pid t; shift 3
	rm -f "$BT/go"; mkfifo "$BT/go"
	"$PROG" "$BT/go" "$BT/file.txt" "$missing" $PORT "$n" >"$BT/$name.prog" &
	pid=$!
	for _ in $(seq 100); do
		[ -r /proc/$pid/syscall ] && [ "$(cut -d' ' -f1 /proc/$pid/syscall)" = 0 ] && break
		sleep 0.02
	done
	bt_start "$name" strace -p "$pid" "$@" || { kill $pid; return 1; }
	echo go >"$BT/go"
	wait $pid
	for _ in $(seq 100); do kill -0 "$BT_PID" 2>/dev/null || break; sleep 0.05; done
	kill -0 "$BT_PID" 2>/dev/null && fail "$name: did not end when the process was gone"
	bt_wait
	KNOWN_PID=$pid
}

missing="$BT/nodir/x"
run_known text 3 "$missing" -T || done_test
out=$BT/text.out
grep -qF "openat(AT_FDCWD<$PWD>, \"$BT/file.txt\", O_RDONLY) = 4<$BT/file.txt>" "$out" ||
	fail "openat line: $(grep openat "$out")"
grep -qF "read(4<$BT/file.txt>, \"data1\", 5) = 5" "$out" || fail "read line: $(grep 'read(4' "$out")"
grep -qF "write(1<$BT/text.prog>, \"hello\\n\", 6) = 6" "$out" || fail "write line: $(grep write "$out")"
grep -qF "close(4<$BT/file.txt>)" "$out" || fail "close line: $(grep close "$out")"
grep -qF "openat(AT_FDCWD<$PWD>, \"$missing\", O_WRONLY|O_CREAT, 0640) = -1 ENOENT (No such file or directory)" "$out" ||
	fail "failing openat: $(grep nodir "$out")"
grep -qF 'socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 4' "$out" || fail "socket: $(grep socket "$out")"
grep -qF "connect(4, {sa_family=AF_INET, sin_port=htons($PORT), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)" <(sed 's/4<socket:\[[0-9]*\]>/4/' "$out") ||
	fail "connect: $(grep connect "$out")"
expect_eq "getppid lines" "$(grep -c '^getppid() *= [0-9]* <0\.[0-9]\{6\}>$' "$out")" 3
grep -q '^exit_group(0) *= ?$' "$out" || fail "exit_group: $(grep exit "$out")"
grep -q ' <0\.[0-9]\{6\}>$' "$out" || fail "-T: no durations"

# the same lines as real strace -f -y of the same program (after the fifo
# read; socket fds lose their inode decoration: the process is gone before we
# can read it)
if command -v strace >/dev/null; then
	rm -f "$BT/go"; mkfifo "$BT/go"
	(cd "$BT" && timeout 20 strace -f -y -o "$BT/real.txt" "$PROG" "$BT/go" "$BT/file.txt" "$missing" $PORT 3 >"$BT/same.prog") &
	sp=$!
	for _ in $(seq 100); do grep -q "go" "$BT/real.txt" 2>/dev/null && break; sleep 0.02; done
	sleep 0.2
	echo go >"$BT/go"
	wait $sp
	norm() { sed -E 's/^[0-9]+ +//; s/<socket:\[[0-9]+\]>//g; s/\) +=/) =/; s/getppid\(\) = [0-9]+/getppid() = P/' | grep -v '^+++'; }
	# ours ran in this directory, strace's in $BT: compare the cwd-free form
	sed '1,/read(3<[^>]*go>, "go/d' "$BT/real.txt" | norm | sed "s|AT_FDCWD<$BT>|AT_FDCWD|" >"$BT/real.norm"
	run_known same 3 "$missing" || done_test
	norm <"$BT/same.out" | sed "s|AT_FDCWD<$PWD>|AT_FDCWD|" >"$BT/ours.norm"
	diff -u "$BT/real.norm" "$BT/ours.norm" >"$BT/diff" || fail "differs from strace -f -y: $(cat "$BT/diff")"
else
	skip_part "strace not installed: no comparison with the real strace"
fi

# -c: the program's calls exactly (not the fifo read: it began before tracing)
run_known count 1000 "$missing" -c --json || done_test
c=$BT/count.out
echo "$(cat "$c")" | json_ok || fail "-c json invalid"
calls() { jq -r --arg s "$1" '[.syscalls[] | select(.syscall == $s) | "\(.calls)/\(.errors)"] | .[0] // "none"' "$c"; }
expect_eq "-c read" "$(calls read)" 1/0
expect_eq "-c openat" "$(calls openat)" 2/1
expect_eq "-c write" "$(calls write)" 1/0
expect_eq "-c close" "$(calls close)" 2/0
expect_eq "-c socket" "$(calls socket)" 1/0
expect_eq "-c connect" "$(calls connect)" 1/1
expect_eq "-c getppid" "$(calls getppid)" 1000/0
expect_eq "-c exit_group" "$(calls exit_group)" 1/0
expect_eq "-c total" "$(jq -r '"\(.calls)/\(.errors)"' "$c")" 1009/2
expect_eq "-c rows" "$(jq '.syscalls | length' "$c")" 8
# the text table: strace -c's columns and its total row
run_known ctext 1000 "$missing" -c || done_test
head -1 "$BT/ctext.out" | grep -q '^% time     seconds  usecs/call     calls    errors syscall$' ||
	fail "-c header: $(head -1 "$BT/ctext.out")"
expect_eq "-c text getppid" "$(awk '$NF == "getppid" { print $4 }' "$BT/ctext.out")" 1000
expect_eq "-c text total" "$(awk '$NF == "total" { print $1, $4, $5 }' "$BT/ctext.out")" "100.00 1009 2"

# --json: the failing open's errno and path; -e keeps only the named calls
run_known json 3 "$missing" --json -e openat,connect || done_test
j=$BT/json.out
echo "[$(paste -sd, "$j")]" | json_ok || fail "json lines invalid"
expect_eq "-e syscalls" "$(jq -r .syscall "$j" | sort -u | paste -sd,)" "connect,openat"
expect_eq "json errno" "$(jq -r --arg p "\"$missing\"" 'select(.args[1] == $p) | .errno' "$j")" ENOENT
expect_eq "json ret" "$(jq -r --arg p "\"$missing\"" 'select(.args[1] == $p) | .ret' "$j")" -1
expect_eq "json connect" "$(jq -r 'select(.syscall == "connect") | .errno' "$j")" ECONNREFUSED

# hostile bytes in a path: escaped as strace does (octal), never raw; -o FILE
evil="$BT/nodir/a"$'\033[31mb\nc'
run_known evil 0 "$evil" -o "$BT/evil.file" || done_test
expect_eq "-o: stdout empty" "$(wc -c <"$BT/evil.out")" 0
grep -qF "$BT/nodir/a\\33[31mb\\nc\"" "$BT/evil.file" || fail "escaped path: $(grep nodir "$BT/evil.file" | od -c | head -3)"
grep -q "$(printf '\033')" "$BT/evil.file" && fail "a raw ESC reached the output"
# -s 2: buffers cut with "..."
run_known cut 0 "$missing" -s 2 -e read,write || done_test
grep -q '^write(1[^,]*, "he"\.\.\., 6) *= 6$' "$BT/cut.out" || fail "-s 2: $(grep write "$BT/cut.out")"

# -f: a child's calls, prefixed by its pid; without -f, not seen
mkfifo "$BT/go2"
python3 -c '
import os, sys
open(sys.argv[1]).read()
pid = os.fork()
if pid == 0:
    try: os.open(sys.argv[2] + "/child-missing", os.O_RDONLY)
    except OSError: pass
    os._exit(0)
os.waitpid(pid, 0)
' "$BT/go2" "$BT" &
py=$!
sleep 0.3
bt_start fork strace -f -p $py -e openat || done_test
echo go >"$BT/go2"
wait $py
bt_stop
# (with -e the cwd is read when the line is printed: the child may be gone)
grep -q "^\[pid  *[0-9]*\] openat(AT_FDCWD\(<[^>]*>\)\?, \"$BT/child-missing\", O_RDONLY\(|O_CLOEXEC\)\?) = -1 ENOENT" "$BT/fork.out" ||
	fail "-f: child's openat: $(cat "$BT/fork.out")"
child=$(sed -n "s/^\[pid  *\([0-9]*\)\] openat.*child-missing.*/\1/p" "$BT/fork.out")
[ -n "$child" ] && [ "$child" != "$py" ] || fail "-f: the line is not the child's ($child vs $py)"
mkfifo "$BT/go3"
python3 -c '
import os, sys
open(sys.argv[1]).read()
pid = os.fork()
if pid == 0:
    try: os.open(sys.argv[2] + "/child-missing", os.O_RDONLY)
    except OSError: pass
    os._exit(0)
os.waitpid(pid, 0)
' "$BT/go3" "$BT" &
py=$!
sleep 0.3
bt_start nofork strace -p $py -e openat || done_test
echo go >"$BT/go3"
wait $py
bt_stop
grep -q child-missing "$BT/nofork.out" && fail "without -f the child was traced"

# a thread other than the leader: its lines say which (its tid)
mkfifo "$BT/go4"
python3 -c '
import os, sys, threading
open(sys.argv[1]).read()
def f():
    try: os.open(sys.argv[2] + "/thread-missing", os.O_RDONLY)
    except OSError: pass
t = threading.Thread(target=f); t.start(); t.join()
' "$BT/go4" "$BT" &
py=$!
sleep 0.3
bt_start thread strace -p $py -e openat || done_test
echo go >"$BT/go4"
wait $py
bt_stop
tid=$(sed -n "s/^\[pid  *\([0-9]*\)\] openat.*thread-missing.*ENOENT.*/\1/p" "$BT/thread.out")
[ -n "$tid" ] && [ "$tid" != "$py" ] || fail "thread line: $(grep thread-missing "$BT/thread.out")"

# usage and failures
expect_exit 0 $TRIAGE strace --help
expect_exit 2 $TRIAGE strace
expect_exit 2 $TRIAGE strace -p abc
expect_exit 2 $TRIAGE strace -p $$ -e nosuchcall
expect_exit 2 $TRIAGE strace -p $$ -s 9999
expect_exit 2 $TRIAGE strace -p $$ extra
free=4194000
while kill -0 $free 2>/dev/null; do free=$((free - 1)); done
expect_exit 1 $TRIAGE strace -p $free
expect_exit 1 $TRIAGE strace -p $$ -o /nonexistent-dir/x
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TRIAGE strace -p $$ -d 1 2>&1 >/dev/null)
echo "$err" | grep -q 'run as root' || fail "unprivileged: $err"
expect_eq "unprivileged: one line" "$(echo "$err" | wc -l)" 1
bt_no_leftovers
done_test
