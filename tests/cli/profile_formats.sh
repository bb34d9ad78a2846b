# timeout: 120
# pprof and speedscope output of flamegraph, profile and offcputime: the
# pprof is gunzipped and its protobuf decoded here (a small varint decoder,
# no package), the speedscope JSON checked against the schema's required
# keys and types; both must give back the folded input's stacks and counts,
# hostile names included. Live: profile -a and offcputime, compared with the
# folded stacks of the same capture.
. "$TRIAGE_SRC/tests/lib.sh"
tmp=$(mktemp -d /tmp/triage-profformats.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# check.py pprof|speedscope FILE FOLDED [TYPE UNIT PERIOD]: FILE holds exactly
# FOLDED's stacks and counts (pprof: sample type TYPE/UNIT, period PERIOD,
# a second cpu/nanoseconds value = count * PERIOD when TYPE is "samples+cpu")
cat > "$tmp/check.py" <<'PY'
import gzip, json, sys

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    """protobuf message -> {field: [value]} (varints as int, length-delimited as bytes)"""
    out, i = {}, 0
    while i < len(b):
        key, i = varint(b, i)
        f, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
            assert i <= len(b), "length past the end"
        else:
            raise AssertionError("unexpected wire type %d" % wt)
        out.setdefault(f, []).append(v)
    return out

def packed(b):
    v, i = [], 0
    while i < len(b):
        x, i = varint(b, i); v.append(x)
    return v

def folded(path):
    want = {}
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        line = line.rstrip("\n")
        if line:
            k, n = line.rsplit(" ", 1)
            want[k] = want.get(k, 0) + int(n)
    return want

def pprof(path, want, typ, unit, period):
    raw = open(path, "rb").read()
    assert raw[:2] == b"\x1f\x8b", "not gzip"
    p = fields(gzip.decompress(raw))
    st = [s.decode("utf-8") for s in p[6]]
    assert st[0] == "", "string_table[0] not empty"
    vt = lambda m: tuple(st[x] for x in (fields(m)[1][0], fields(m)[2][0]))
    types = [vt(m) for m in p[1]]
    two = typ == "samples+cpu"
    assert types == ([("samples", "count"), ("cpu", "nanoseconds")] if two else [(typ, unit)]), types
    assert vt(p[11][0]) == types[-1], "period_type"
    assert p[12] == [int(period)], ("period", p[12])
    funcs = {}
    for m in p.get(5, []):
        f = fields(m); funcs[f[1][0]] = st[f[2][0]]
        assert st[f[3][0]] == funcs[f[1][0]], "system_name"
    locs = {}
    for m in p.get(4, []):
        f = fields(m); lines = [fields(l) for l in f[4]]
        assert len(lines) == 1
        locs[f[1][0]] = funcs[lines[0][1][0]]
    assert len(set(funcs.values())) == len(funcs), "a frame has two functions"
    got = {}
    for m in p.get(2, []):
        f = fields(m)
        ids = packed(f[1][0]); vals = packed(f[2][0])
        key = ";".join(locs[i] for i in reversed(ids))      # leaf first in pprof
        assert len(vals) == len(types)
        if two:
            assert vals[1] == vals[0] * int(period), ("cpu ns", vals)
        got[key] = got.get(key, 0) + vals[0]
    assert got == want, ("stacks differ", sorted(got.items())[:5], sorted(want.items())[:5])
    frames = {fr for k in want for fr in k.split(";")}
    assert set(funcs.values()) == frames, "functions != distinct frames"

def speedscope(path, want, unit):
    d = json.load(open(path, encoding="utf-8"))
    assert isinstance(d, dict)
    assert d["$schema"] == "https://www.speedscope.app/file-format-schema.json"
    for k in ("shared", "profiles"):
        assert k in d, "missing " + k
    assert isinstance(d.get("name", ""), str) and isinstance(d.get("exporter", ""), str)
    fr = d["shared"]["frames"]
    assert isinstance(fr, list) and all(isinstance(f, dict) and isinstance(f["name"], str) for f in fr)
    assert isinstance(d["profiles"], list) and len(d["profiles"]) == 1
    p = d["profiles"][0]
    for k, t in (("type", str), ("name", str), ("unit", str), ("startValue", (int, float)),
                 ("endValue", (int, float)), ("samples", list), ("weights", list)):
        assert isinstance(p.get(k), t), "profile." + k
    assert p["type"] == "sampled"
    assert p["unit"] in ("none", "nanoseconds", "microseconds", "milliseconds", "seconds", "bytes")
    assert p["unit"] == unit, p["unit"]
    assert len(p["samples"]) == len(p["weights"])
    got = {}
    for s, w in zip(p["samples"], p["weights"]):
        assert isinstance(s, list) and all(isinstance(i, int) and 0 <= i < len(fr) for i in s)
        assert isinstance(w, (int, float))
        k = ";".join(fr[i]["name"] for i in s)              # root first in speedscope
        got[k] = got.get(k, 0) + w
    assert sum(p["weights"]) == sum(want.values()) == p["endValue"] - p["startValue"], "weights sum"
    assert got == want, ("stacks differ", sorted(got.items())[:5], sorted(want.items())[:5])
    assert len({f["name"] for f in fr}) == len(fr), "a frame twice"

kind, path, fold = sys.argv[1:4]
want = folded(fold)
if kind == "pprof":
    pprof(path, want, *sys.argv[4:7])
else:
    speedscope(path, want, sys.argv[4])
PY
chk() { python3 "$tmp/check.py" "$@" 2>&1 | tail -3; }

# 1. a fixture with known counts (same stack twice: counts add up)
cat > "$tmp/k.folded" <<'X'
app;main;parse;read_file 40
app;main;parse 10
app;main;compute;hot_loop 120
app;main;compute;hot_loop 30
app;worker;compute;hot_loop 7
kworker/0:1;worker_thread_[k];process_one_work_[k] 3
X
awk '{ n = $NF; k = substr($0, 1, length($0) - length(n) - 1); c[k] += n }
	END { for (k in c) print k, c[k] }' "$tmp/k.folded" | sort > "$tmp/k.want"
expect_eq "fixture total" "$(awk '{ t += $NF } END { print t }' "$tmp/k.want")" 210
$TRIAGE flamegraph --format pprof -o "$tmp/k.pb.gz" "$tmp/k.folded" || fail "flamegraph pprof: exit $?"
out=$(chk pprof "$tmp/k.pb.gz" "$tmp/k.want" samples count 1) || fail "flamegraph pprof: $out"
$TRIAGE flamegraph --format pprof "$tmp/k.folded" > "$tmp/k2.pb.gz" || fail "flamegraph pprof stdout: exit $?"
cmp -s "$tmp/k.pb.gz" "$tmp/k2.pb.gz" || fail "pprof to -o and to stdout differ"
$TRIAGE flamegraph --format speedscope "$tmp/k.folded" > "$tmp/k.ss.json" || fail "speedscope: exit $?"
out=$(chk speedscope "$tmp/k.ss.json" "$tmp/k.want" none) || fail "flamegraph speedscope: $out"
$TRIAGE profile --from-folded "$tmp/k.folded" --format pprof -o "$tmp/p.pb.gz" || fail "profile pprof: exit $?"
out=$(chk pprof "$tmp/p.pb.gz" "$tmp/k.want" samples count 1) || fail "profile --from-folded pprof: $out"
$TRIAGE profile --from-folded "$tmp/k.folded" --format speedscope -o "$tmp/p.ss.json" || fail "profile speedscope: exit $?"
out=$(chk speedscope "$tmp/p.ss.json" "$tmp/k.want" none) || fail "profile --from-folded speedscope: $out"
# off-CPU palette: microseconds
$TRIAGE flamegraph --offcpu --format pprof -o "$tmp/o.pb.gz" "$tmp/k.folded" || fail "offcpu pprof: exit $?"
out=$(chk pprof "$tmp/o.pb.gz" "$tmp/k.want" offcpu microseconds 1) || fail "offcpu pprof: $out"
$TRIAGE flamegraph --offcpu --format speedscope "$tmp/k.folded" > "$tmp/o.ss.json" || fail "offcpu speedscope: exit $?"
out=$(chk speedscope "$tmp/o.ss.json" "$tmp/k.want" microseconds) || fail "offcpu speedscope: $out"
# an empty input is a valid, empty profile
: > "$tmp/e.folded"
$TRIAGE flamegraph --format pprof -o "$tmp/e.pb.gz" "$tmp/e.folded" || fail "empty pprof: exit $?"
out=$(chk pprof "$tmp/e.pb.gz" "$tmp/e.folded" samples count 1) || fail "empty pprof: $out"
$TRIAGE flamegraph --format speedscope "$tmp/e.folded" > "$tmp/e.ss.json" || fail "empty speedscope: exit $?"
out=$(chk speedscope "$tmp/e.ss.json" "$tmp/e.folded" none) || fail "empty speedscope: $out"

# 2. hostile names: quotes, backslash, ESC, invalid UTF-8, a bidi override, <&>;
# both formats must hold the same cleaned names as folded output
printf 'pr"o\\c;\033[31mred;bad\377name;\342\200\256rtl;<a&b> 5\nother "x" 6\n' > "$tmp/h.folded"
$TRIAGE profile --from-folded "$tmp/h.folded" --format folded -o "$tmp/h.clean" || fail "hostile folded: exit $?"
grep -q $'\033' "$tmp/h.clean" && fail "ESC survived folding"
$TRIAGE flamegraph --format pprof -o "$tmp/h.pb.gz" "$tmp/h.folded" || fail "hostile pprof: exit $?"
out=$(chk pprof "$tmp/h.pb.gz" "$tmp/h.clean" samples count 1) || fail "hostile pprof: $out"
$TRIAGE flamegraph --format speedscope --title 'T"<\' "$tmp/h.folded" > "$tmp/h.ss.json" || fail "hostile speedscope: exit $?"
json_ok < "$tmp/h.ss.json" || fail "hostile speedscope: invalid JSON"
out=$(chk speedscope "$tmp/h.ss.json" "$tmp/h.clean" none) || fail "hostile speedscope: $out"
expect_eq "hostile title" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])' < "$tmp/h.ss.json")" 'T"<\'
grep -q $'\033' "$tmp/h.ss.json" && fail "ESC raw in speedscope"

# 3. bad usage
expect_exit 2 "$TRIAGE" flamegraph --format bogus "$tmp/k.folded"
expect_exit 2 "$TRIAGE" profile --from-folded "$tmp/k.folded" --format bogus
expect_exit 1 "$TRIAGE" flamegraph --format pprof -o /nonexistent/dir/x.pb.gz "$tmp/k.folded"
expect_exit 2 "$TRIAGE" offcputime --format bogus
expect_exit 2 "$TRIAGE" offcputime -o "$tmp/x" 1
if command -v script >/dev/null; then	# binary pprof refused on a terminal
	script -qec "$TRIAGE flamegraph --format pprof $tmp/k.folded; echo rc=\$?" /dev/null > "$tmp/tty.out" 2>&1
	grep -q "rc=2" "$tmp/tty.out" || fail "pprof to a terminal not refused: $(cat "$tmp/tty.out")"
	grep -q "pprof is binary" "$tmp/tty.out" || fail "pprof to a terminal: no message"
else
	skip_part "script(1) not installed: pprof-to-terminal check"
fi

# 4. live: profile -a (the pprof and --folded of the same capture agree;
# cpu nanoseconds = samples * 1e9 / 199)
if [ "$(id -u)" = 0 ]; then
	timeout 30 $TRIAGE profile -a -d 1 -F 199 --format pprof -o "$tmp/l.pb.gz" --folded "$tmp/l.folded" \
		2>"$tmp/err" || fail "live profile: exit $? ($(cat "$tmp/err"))"
	[ -s "$tmp/l.folded" ] || fail "live profile: no samples"
	out=$(chk pprof "$tmp/l.pb.gz" "$tmp/l.folded" samples+cpu nanoseconds $((1000000000 / 199))) \
		|| fail "live profile pprof: $out"
	timeout 30 $TRIAGE profile -a -d 1 -F 199 --format speedscope -o "$tmp/l.ss.json" --folded "$tmp/l2.folded" \
		2>"$tmp/err" || fail "live profile speedscope: exit $? ($(cat "$tmp/err"))"
	out=$(chk speedscope "$tmp/l.ss.json" "$tmp/l2.folded" none) || fail "live profile speedscope: $out"
	# offcputime: -f prints the folded stacks, -o gets the profile of the same capture
	if [ -r /sys/kernel/btf/vmlinux ]; then
		timeout 30 $TRIAGE offcputime -f --format pprof -o "$tmp/off.pb.gz" 1 > "$tmp/off.folded" 2>"$tmp/err" \
			|| fail "live offcputime: exit $? ($(cat "$tmp/err"))"
		[ -s "$tmp/off.folded" ] || fail "live offcputime: no stacks"
		out=$(chk pprof "$tmp/off.pb.gz" "$tmp/off.folded" offcpu microseconds 1) || fail "live offcputime pprof: $out"
		timeout 30 $TRIAGE offcputime --format speedscope 1 > "$tmp/off.ss.json" 2>"$tmp/err" \
			|| fail "live offcputime speedscope: exit $? ($(cat "$tmp/err"))"
		python3 - "$tmp/off.ss.json" <<'PY' || fail "live offcputime speedscope: bad document"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert p["unit"] == "microseconds" and p["type"] == "sampled" and p["samples"]
assert sum(p["weights"]) == p["endValue"] > 0
PY
	else
		skip_part "no BTF: live offcputime"
	fi
else
	skip_part "not root: live profile -a and offcputime"
fi
done_test
