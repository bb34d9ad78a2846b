# timeout: 300
# The interactive triage top, driven in a detached tmux session of a fixed
# size: keys with send-keys, the screen with capture-pane (polled, never a
# fixed sleep). Fixture snapshots for the figures, the fixture recording for
# the replay, test processes of its own for kill, threads and hostile names.
. "$TRIAGE_SRC/tests/lib.sh"
command -v tmux >/dev/null || skip "tmux not installed (make deps)"
export TZ=UTC
F=$FIX/pids
S1=$FIX/recording-v1/store
TM="tmux -L triage-tui-$$ -f /dev/null"
W=/tmp/triage-tui.$$
mkdir -p "$W"
KIDS=
# a sanitizer build reports into files here (the sessions' stderr is their screen)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$W/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$W/ubsan"
KIDS=
cleanup() {
	$TM kill-server 2>/dev/null
	for k in $KIDS; do kill "$k" 2>/dev/null; done
	rm -rf "$W"
}
trap cleanup EXIT

# start NAME CMD...: a session of 120x40 running CMD, its PID in $W/NAME.pid,
# "EXITED rc" printed when it ends (the shell stays for 30 s to be looked at)
start() {
	local name=$1; shift
	$TM new-session -d -s "$name" -x 120 -y 40 \
		"sh -c 'echo \$\$ >$W/$name.pid; exec env TZ=UTC $*'; echo EXITED \$?; sleep 30"
}
screen() { $TM capture-pane -p -t "$1"; }
# wait_for NAME REGEX [SECONDS]: until the screen matches (default 20 s)
wait_for() {
	local i n=$(( ${3:-20} * 5 ))
	for ((i = 0; i < n; i++)); do
		screen "$1" | grep -qE -- "$2" && return 0
		sleep 0.2
	done
	fail "$1: screen never showed /$2/; it shows:"
	screen "$1" | sed 's/^/    | /'
	return 1
}
# wait_gone NAME REGEX: until the screen no longer matches
wait_gone() {
	local i
	for ((i = 0; i < 100; i++)); do
		screen "$1" | grep -qE -- "$2" || return 0
		sleep 0.2
	done
	fail "$1: screen still shows /$2/"
	return 1
}
keys() { local n=$1; shift; $TM send-keys -t "$n" "$@"; }
# row N of the table (1 = first process) after the header row
row() { screen "$1" | awk '/^ *PID USER/ {h = NR} h && NR == h + '"$2"' {print; exit}'; }

# --- fixture snapshots: t0 -> t1 is the frame (as top -b's goldens) ---
start fx "$TRIAGE top -d 0.3 --root $F/t0,$F/t1"
wait_for fx "the last snapshot" || done_test
expect_eq "first row by %CPU" "$(row fx 1 | awk '{print $1, $9, $NF}')" "100 80.0 burner"
expect_eq "hostile name escaped" "$(screen fx | grep -c 'my (evil)\\nname')" "1"
screen fx | grep -q "^ *[0-9]*\[" || fail "no per-CPU bar"
# sort by memory: init's RES 20000 KiB, %MEM 0.2 is the largest
keys fx M
wait_for fx "sort %MEM" && expect_eq "M: first row" "$(row fx 1 | awk '{print $1, $NF}')" "1 init"
# < moves the sort column left (%MEM -> %CPU)
keys fx '<'
wait_for fx "sort %CPU" && expect_eq "<: first row" "$(row fx 1 | awk '{print $NF}')" "burner"
# filter by name
keys fx / ; wait_for fx "Filter by name" && keys fx n e w Enter
wait_for fx "filter new" && {
	expect_eq "filter rows" "$(screen fx | awk '/^ *PID USER/ {h = 1; next} h && /^ *[0-9]+ / {print $NF}' | tr '\n' ' ')" "newproc newbie "
}
keys fx / ; wait_for fx "Filter by name" && keys fx Enter
wait_gone fx "filter new"
# tree: every process under init
keys fx t
wait_for fx "  tree" && {
	expect_eq "tree root" "$(row fx 1 | awk '{print $NF}')" "init"
	expect_eq "tree child" "$(row fx 2 | awk '{print $(NF-1), $NF}')" "\`- burner"
}
keys fx t; wait_gone fx "  tree"
# 1: one %Cpu(s) line instead of the bars
keys fx 1
wait_for fx "^%Cpu\(s\): +45\.0 us, +10\.0 sy"
keys fx 1; wait_gone fx "^%Cpu\(s\)"
# help, and back
keys fx h; wait_for fx "the keys" && keys fx q; wait_gone fx "the keys"
# f: hide a column (VIRT, four left of %CPU), then show it again; F6: sort
keys fx f; wait_for fx "^Fields" && { keys fx Left Left Left Left Space; wait_for fx "\[VIRT\]"; keys fx Escape; }
wait_gone fx "^Fields"
expect_eq "f: VIRT hidden" "$(screen fx | grep -cE '^ *PID USER +PR +NI +RES ')" "1"
keys fx f; wait_for fx "^Fields" && { keys fx Left Left Left Left Space Escape; }
wait_for fx "^ *PID USER +PR +NI +VIRT +RES"
keys fx F6; wait_for fx "^Sort by" && keys fx Right Right Enter
wait_for fx "sort TIME\+" && expect_eq "F6: TIME+ first row" "$(row fx 1 | awk '{print $NF}')" "burner"
# resize: the table follows the window
$TM resize-window -t fx -x 90 -y 20 2>/dev/null || $TM resize-pane -t fx -x 90 -y 20
wait_for fx "^ *PID USER" && {
	w=$(screen fx | awk '{ if (length($0) > m) m = length($0) } END {print m}')
	[ "$w" -le 90 ] || fail "resize: a line of $w columns on a 90-column window"
	expect_eq "resize: rows" "$(screen fx | wc -l)" "20"
}
# q restores the terminal: the shell's line after, no table left
keys fx q
wait_for fx "^EXITED 0" && { screen fx | grep -q "PID USER" && fail "q: the table is still on the screen"; }

# --- a finding selected in the replay of the recording ---
start rp "$TRIAGE top --store $S1 --from @0"
wait_for rp "recorded 2025-11-21 04:56:42" || done_test
keys rp T; wait_for rp "recorded 2026-09-21 17:00:00"
keys rp T; wait_for rp "recorded 2026-09-21 17:00:01"
wait_for rp "^critical +disk\.saturated +disk:vda"
keys rp Right; wait_for rp "recorded 2026-09-21 17:00:02"
keys rp t; wait_for rp "recorded 2026-09-21 17:00:01"
keys rp Left; wait_for rp "recorded 2026-09-21 17:00:00"
keys rp t; wait_for rp "recorded 2025-11-21 04:56:42"
keys rp t; wait_for rp "recorded 2025-11-21 04:56:40"
keys rp t; wait_for rp "the start of the replay"
keys rp g; wait_for rp "Jump to time" && keys rp "2026-09-21 17:00:04" Enter
wait_for rp "recorded 2026-09-21 17:00:04"
keys rp g; wait_for rp "Jump to time" && keys rp "bogus" Enter
wait_for rp "recorded 2026-09-21 17:00:04"
keys rp Tab; keys rp Enter
wait_for rp "^Evidence:" && { wait_for rp "^Next:"; wait_for rp "^Action:"; }
keys rp Escape; wait_for rp "recorded 2026-09-21"
keys rp k; wait_for rp "kill: the processes shown are not this system's"
keys rp C-c
wait_for rp "^EXITED 0"

# --- live: kill through k, refused and confirmed; threads; escaped names ---
sleep 120 &
VICTIM=$!; KIDS="$KIDS $VICTIM"
disown $VICTIM
start kv "$TRIAGE top -d 0.5 -p $VICTIM"
wait_for kv "live .* tasks 1," || done_test
expect_eq "live row" "$(row kv 1 | awk '{print $1, $NF}')" "$VICTIM sleep"
# Enter: its triage pid report, scrollable; q back
keys kv Enter
wait_for kv "^triage pid $VICTIM" && { wait_for kv "^pid +$VICTIM \(sleep\), ppid $$"; wait_for kv "^cmdline +sleep 120"; }
keys kv q; wait_for kv "^ *PID USER"
keys kv k; wait_for kv "Send which signal to PID $VICTIM" && keys kv Enter
wait_for kv "Send SIGTERM \(15\) to PID $VICTIM \(sleep\)\? \[y/N\]" && keys kv n
wait_for kv "kill: not sent"
kill -0 $VICTIM 2>/dev/null || fail "k refused, yet PID $VICTIM is gone"
keys kv k; wait_for kv "Send which signal" && keys kv K I L L Enter
wait_for kv "Send SIGKILL \(9\) to PID $VICTIM" && keys kv y
wait_for kv "sent SIGKILL to PID $VICTIM"
for ((i = 0; i < 50; i++)); do kill -0 $VICTIM 2>/dev/null || break; sleep 0.1; done
kill -0 $VICTIM 2>/dev/null && fail "k confirmed, yet PID $VICTIM is alive"
# SIGTERM restores the terminal too
kill -TERM "$(cat $W/kv.pid)"
wait_for kv "^EXITED 0"

# a process with three threads, named with escape sequences (prctl PR_SET_NAME)
python3 -c '
import ctypes, threading, time
ctypes.CDLL(None).prctl(15, b"\x1b[31mev\x07il", 0, 0, 0)
for i in range(2):
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
time.sleep(60)' &
EVIL=$!; KIDS="$KIDS $EVIL"
for ((i = 0; i < 50; i++)); do [ "$(ls /proc/$EVIL/task 2>/dev/null | wc -l)" -ge 3 ] && break; sleep 0.1; done
start ev "$TRIAGE top -d 0.5 -p $EVIL"
wait_for ev 'live .* tasks 1,'
wait_for ev '\\e\[31mev\\x07il'
$TM capture-pane -e -p -t ev | grep -q $'\e\[31mev' && fail "the name's escape sequence reached the terminal"
keys ev H
wait_for ev "  threads" && {
	expect_eq "H: thread rows" "$(screen ev | awk '/^ *TID USER/ {h = 1; next} h && /^ *[0-9]+ / {n++} END {print n}')" "3"
}
# a lost terminal (the session killed: SIGHUP) ends it
EVPID=$(cat $W/ev.pid)
$TM kill-session -t ev
for ((i = 0; i < 50; i++)); do kill -0 "$EVPID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$EVPID" 2>/dev/null && fail "top still runs after its terminal went away"
kill $EVIL 2>/dev/null; wait $EVIL 2>/dev/null

# a name of wide characters (two columns each) is cut to what is left of the
# line: nothing wraps onto the next one
python3 -c '
import ctypes, time
ctypes.CDLL(None).prctl(15, "宽宽宽宽宽".encode(), 0, 0, 0)
time.sleep(60)' &
WIDE=$!; KIDS="$KIDS $WIDE"
for ((i = 0; i < 100; i++)); do grep -q '宽' /proc/$WIDE/comm 2>/dev/null && break; sleep 0.1; done
$TM new-session -d -s wd -x 76 -y 20 "sh -c 'exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 $TRIAGE top -d 0.5 -p $WIDE'; echo EXITED \$?; sleep 30"
wait_for wd "^ *$WIDE " && {
	expect_eq "wide name cut" "$(screen wd | grep -c '宽')" "1"
	n=$(screen wd | grep '宽' | sed 's/.*\(宽*\).*/\1/' | tr -d '\n' | wc -m)
	[ "$n" -le 2 ] || fail "wide name: $n wide characters in the last 5 columns"
}
kill $WIDE 2>/dev/null; wait $WIDE 2>/dev/null

# --- NO_COLOR, TERM=dumb, -u ---
start nc "NO_COLOR=1 $TRIAGE top -d 0.3 --root $F/t0,$F/t1"
wait_for nc "the last snapshot" && {
	$TM capture-pane -e -p -t nc | grep -q $'\e\[3[0-7]m' && fail "NO_COLOR: colours on the screen"
	screen nc | grep -q "^ *0\[u*s*w*" || fail "NO_COLOR: the bars are not drawn with letters"
}
keys nc q; wait_for nc "^EXITED 0"
start co "$TRIAGE top -d 0.3 --root $F/t0,$F/t1"
wait_for co "the last snapshot" && {
	$TM capture-pane -e -p -t co | grep -q $'\e\[3[0-7]m' || fail "colours: none on the screen"
}
keys co q; wait_for co "^EXITED 0"
start dumb "TERM=dumb $TRIAGE top -n 1 --root $F/t0,$F/t1"
wait_for dumb "^EXITED 0" && { screen dumb | grep -q "^top - " || fail "TERM=dumb: not the batch frame"; }
start us "$TRIAGE top -d 0.3 -u 1000 --root $F/t0,$F/t1"
wait_for us "the last snapshot" && {
	expect_eq "-u 1000 rows" "$(screen us | awk '/^ *PID USER/ {h = 1; next} h && /^ *[0-9]+ / {print $1}' | sort -n | tr '\n' ' ')" "100 500 "
}
keys us q; wait_for us "^EXITED 0"
start ub "$TRIAGE top -u nosuchuser --root $F/t0,$F/t1"
wait_for ub "^EXITED 1" && { screen ub | grep -q "invalid user 'nosuchuser'" || fail "-u: no message"; }
start n2 "$TRIAGE top -n 2 -d 0.3 --root $F/t0,$F/t1"
wait_for n2 "^EXITED 0"
start np "$TRIAGE top -p 999999999"
wait_for np "^EXITED 1" && { screen np | grep -q "no process with PID 999999999" || fail "-p: no message"; }
for f in "$W"/asan* "$W"/ubsan*; do
	[ -e "$f" ] && { fail "sanitizer report $f:"; head -30 "$f"; }
done
done_test
