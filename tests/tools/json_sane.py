#!/usr/bin/env python3
"""Read one or more concatenated JSON documents on stdin and check that no
value is impossible: percentages within [0, 100 * CPUs], rates and counts not
negative. Keys that may legitimately be negative (nice, priority, oom_score_adj,
return values, time offsets) are skipped. Exit 1 listing the offenders."""
import json, os, re, sys

ncpu = os.cpu_count() or 1
MAY_BE_NEGATIVE = re.compile(r'^(ni|nice|pr|prio|priority|oom_score_adj|ret|retval|errno|'
                             r'delta.*|.*_delta|offset.*|tz.*|.*_change|change.*|growth.*)$')
PCT = re.compile(r'(pct|percent|util|^(us|sy|ni|id|wa|hi|si|st|gu)$)')
bad = []

def walk(v, path):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, path + [k])
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, path + [str(i)])
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        key = next((p for p in reversed(path) if not p.isdigit()), '')
        if MAY_BE_NEGATIVE.match(key):
            return
        if v < 0:
            bad.append(('/'.join(path), v))
        elif PCT.search(key) and v > 100.0 * ncpu + 0.5:
            bad.append(('/'.join(path), v))

text = sys.stdin.read()
dec = json.JSONDecoder()
i, docs = 0, 0
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    doc, i = dec.raw_decode(text, i)
    docs += 1
    walk(doc, [])
if docs == 0:
    print("no JSON document"); sys.exit(1)
for p, v in bad[:20]:
    print(f"impossible value {v} at {p}")
sys.exit(1 if bad else 0)
