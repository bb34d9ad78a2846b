# timeout: 60
# filetop live: a python writes exactly 3 MiB to a named file in 48 calls
# (16 write, 16 pwrite64, 16 writev of 64 KiB), reads it back in 48 (read,
# pread64, readv), closes it and waits: filetop -p names the closed file with
# those counts and bytes (3072 Kb each way). With -a, its pipe and socket
# writes appear as O (pipe:[INO]) and S (UNIX-STREAM); without, they do not.
. "$TRIAGE_SRC/tests/lib.sh"
. "$TRIAGE_SRC/tests/bpf_lib.sh"

expect_exit 0 $TRIAGE filetop --help
expect_exit 2 $TRIAGE filetop --bogus
expect_exit 2 $TRIAGE filetop -s bogus
expect_exit 2 $TRIAGE filetop -r x
expect_exit 2 $TRIAGE filetop 0
expect_exit 2 $TRIAGE filetop 1 2 3
expect_exit 2 $TRIAGE filetop -p abc

# writer PIDFILE GO FILE: known reads and writes of FILE, then 10 writes of
# 100 bytes to a pipe and 5 of 200 to a socket, after GO is read
cat >"$BT/writer.py" <<'PY'
import os, socket, sys, time
open(sys.argv[1], "w").write(str(os.getpid()))
open(sys.argv[2]).read()
fd = os.open(sys.argv[3], os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
chunk = b"x" * 65536
for _ in range(16): os.write(fd, chunk)
for i in range(16): os.pwrite(fd, chunk, (16 + i) * 65536)
os.lseek(fd, 32 * 65536, 0)
for _ in range(16): os.writev(fd, [chunk[:32768], chunk[32768:]])
os.lseek(fd, 0, 0)
for _ in range(16): assert len(os.read(fd, 65536)) == 65536
for i in range(16): assert len(os.pread(fd, 65536, (16 + i) * 65536)) == 65536
os.lseek(fd, 32 * 65536, 0)
bufs = [bytearray(32768), bytearray(32768)]
for _ in range(16): assert os.readv(fd, bufs) == 65536
os.close(fd)
r, w = os.pipe()
for _ in range(10): os.write(w, b"p" * 100); os.read(r, 100)
a, b = socket.socketpair()
for _ in range(5): os.write(a.fileno(), b"s" * 200); os.read(b.fileno(), 200)
time.sleep(1.5)
PY

# run_writer NAME ARGS...: the writer, then filetop -p on it, then go
run_writer() {
	local name=$1; shift
	rm -f "$BT/go" "$BT/w.pid"; mkfifo "$BT/go"
	timeout 20 python3 "$BT/writer.py" "$BT/w.pid" "$BT/go" "$BT/filetop-3MiB.dat" &
	wpid=$!
	for _ in $(seq 100); do [ -s "$BT/w.pid" ] && break; sleep 0.05; done
	bt_start "$name" filetop -p "$(cat "$BT/w.pid")" "$@" || return 1
	echo go >"$BT/go"
	wait $wpid || fail "$name: the writer failed"
	bt_stop
}

# 1. --json: the exact counts, summed over the intervals the writer spanned
run_writer json --json 0.5 || done_test
out=$BT/json.out
python3 - "$out" <<'PY' || fail "json lines invalid: $(head -c 300 "$out")"
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    assert isinstance(d["time"], int) and isinstance(d["files"], list) and d["lost"] == 0, d
PY
rows=$(jq -c '.files[] | select(.file == "filetop-3MiB.dat")' "$out")
[ -n "$rows" ] || fail "no row for filetop-3MiB.dat: $(cat "$out")"
sum() { echo "$rows" | jq -s "map(.$1) | add"; }
expect_eq "reads" "$(sum reads)" 48
expect_eq "writes" "$(sum writes)" 48
expect_eq "rbytes" "$(sum rbytes)" 3145728
expect_eq "wbytes" "$(sum wbytes)" 3145728
wp=$(cat "$BT/w.pid")
expect_eq "pid" "$(echo "$rows" | jq -r .pid | sort -u)" "$wp"
expect_eq "tid" "$(echo "$rows" | jq -r .tid | sort -u)" "$wp"
expect_eq "comm" "$(echo "$rows" | jq -r .comm | sort -u)" python3
expect_eq "type" "$(echo "$rows" | jq -r .type | sort -u)" R
expect_eq "ino" "$(echo "$rows" | jq -r .ino | sort -u)" "$(stat -c %i "$BT/filetop-3MiB.dat")"
expect_eq "regular files only" "$(jq -c '.files[] | select(.type != "R")' "$out")" ""
# one interval holding all of it: r_kb/w_kb as the text shows them
one=$(echo "$rows" | jq -c 'select(.reads == 48 and .writes == 48)')
if [ -n "$one" ]; then
	expect_eq "r_kb" "$(echo "$one" | jq .r_kb)" 3072
	expect_eq "w_kb" "$(echo "$one" | jq .w_kb)" 3072
fi

# 2. text, -a, a long interval holding everything: the file, the pipe, the socket
run_writer text -C -a 5 || done_test
out=$BT/text.out
wp=$(cat "$BT/w.pid")
grep -q '^PID  *TID  *COMM  *READS  *WRITES R_Kb  *W_Kb  *T FILE$' "$out" || fail "header: $(cat "$out")"
grep -q '^[0-9:]* *loadavg: [0-9.]* [0-9.]* [0-9.]* [0-9]*/[0-9]* [0-9]*$' "$out" || fail "loadavg line: $(head -1 "$out")"
line=$(grep ' filetop-3MiB.dat$' "$out")
set -- $line
expect_eq "text row" "$1 $2 $3 $4 $5 $6 $7 $8" "$wp $wp python3 48 48 3072 3072 R"
pipe=$(grep ' O pipe:\[[0-9]*\]$' "$out" | awk '$1 == '"$wp"' && $4 == 10 && $5 == 10')
[ -n "$pipe" ] || fail "no pipe row with 10 reads and 10 writes: $(cat "$out")"
# sockfs names a socket's dentry by its protocol, as bcc's filetop shows it
sock=$(grep ' S UNIX-STREAM$' "$out" | awk '$1 == '"$wp"' && ($4 == 5 || $5 == 5)' | wc -l)
expect_eq "socket rows (5 writes on one end, 5 reads on the other)" "$sock" 2
bt_no_leftovers
done_test
