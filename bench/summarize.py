#!/usr/bin/env python3
"""Summarizes one bench/run.sh result directory as Markdown on stdout.

Reads <dir>/meta.tsv (load, key, value) and <dir>/<load>-<name>.json (hyperfine exports).
Times are hyperfine medians of whole-process wall time, in milliseconds.
"""
import json
import os
import sys

# ratio targets of sockscope --list against ss -tuanp, by load (connections)
LIST_TARGETS = {10000: 1.0, 40000: 0.5, 100000: 0.25}
REPEAT_TARGET = 0.3
RSS_TARGET_MIB = 150
RSS_TARGET_LOAD = 40000

COLUMNS = [
    ("ss", "ss -tuanp"),
    ("netstat", "netstat -tuanp"),
    ("lsof", "lsof -nP -iTCP"),
    ("sockscope", "sockscope --list -tu"),
    ("sockscope-json", "sockscope --list -tu --format json"),
]


def main(d):
    meta = {}
    loads = []
    with open(os.path.join(d, "meta.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) != 3:
                continue
            load, key, value = parts
            meta[(load, key)] = value
            if load != "-" and load not in loads:
                loads.append(load)

    def timing(load, name):
        path = os.path.join(d, f"{load}-{name}.json")
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            r = json.load(f)["results"][0]
        return {"median": r["median"] * 1000, "min": r["min"] * 1000, "max": r["max"] * 1000,
                "runs": len(r["times"]), "cpu": (r["user"] + r["system"]) * 1000}

    def cell(load, name):
        t = timing(load, name)
        if t is None:
            status = meta.get((load, "status." + name))
            return status if status else "–"
        return f"{t['median']:.0f}"

    def ratio(a, b, target=None):
        if a is None or b is None or b["median"] == 0:
            return "–", "–"
        r = a["median"] / b["median"]
        if target is None:
            return f"{r:.2f}", "–"
        return f"{r:.2f}", (f"≤ {target} ok" if r <= target else f"≤ {target} **missed**")

    out = []
    out.append(f"## Results {os.path.basename(os.path.normpath(d))}")
    out.append("")
    for key, label in [("host", "Machine"), ("java", "JVM"), ("archive", "Class-data archive"),
                       ("java_cmd", "sockscope JVM command"), ("trivial_cmd", "Trivial command"),
                       ("tools", "Tools"), ("nofile", "Limits"), ("sockscope", "sockscope")]:
        if ("-", key) in meta:
            out.append(f"- {label}: `{meta[('-', key)]}`")
    out.append("")
    out.append("Whole-process wall time, hyperfine median in ms (output to /dev/null). "
               "Load = idle loopback TCP connections held by bench/loadgen (two sockets each); "
               "sockets = lines of /proc/net/tcp + tcp6 during the run.")
    out.append("")
    head = "| load | sockets | " + " | ".join(f"`{c[1]}`" for c in COLUMNS) + \
           " | sockscope / ss | target |"
    out.append(head)
    out.append("|" + "---|" * (4 + len(COLUMNS)))
    for load in loads:
        row = [load, meta.get((load, "sockets"), "?")] + [cell(load, c[0]) for c in COLUMNS]
        target = LIST_TARGETS.get(int(load))
        r, verdict = ratio(timing(load, "sockscope"), timing(load, "ss"), target)
        out.append("| " + " | ".join(row + [r, verdict]) + " |")
    out.append("")
    out.append("CPU time (user + system, hyperfine mean) in ms: steadier than wall time when other "
               "work shares the CPUs (see the load averages below).")
    out.append("")
    out.append("| load | " + " | ".join(f"`{c[1]}`" for c in COLUMNS) + " | sockscope / ss |")
    out.append("|" + "---|" * (2 + len(COLUMNS)))
    for load in loads:
        cells = []
        for c in COLUMNS:
            t = timing(load, c[0])
            cells.append(f"{t['cpu']:.0f}" if t else "–")
        a, b = timing(load, "sockscope"), timing(load, "ss")
        r = f"{a['cpu'] / b['cpu']:.2f}" if a and b and b["cpu"] > 0 else "–"
        out.append("| " + " | ".join([load] + cells + [r]) + " |")
    out.append("")

    runs = []
    for load in loads:
        for c in COLUMNS + [("ss-x11", ""), ("sockscope-x11", ""), ("trivial", "")]:
            t = timing(load, c[0])
            if t is not None:
                la = meta.get((load, "loadavg." + c[0]), "?")
                runs.append(f"{c[0]}@{load}: {t['runs']} runs, "
                            f"{t['min']:.0f}–{t['max']:.0f} ms, load average {la}")
    repeat = [load for load in loads if timing(load, "ss-x11") or timing(load, "sockscope-x11")]
    if repeat:
        out.append("Repeated snapshots: `sockscope --list -tu --count 11 --interval 0` (one "
                   "process) against eleven `ss -tuanp` runs in a row (bench/repeat.sh).")
        out.append("")
        out.append("| load | sockets | 11 × `ss -tuanp` | `sockscope … --count 11` | ratio | "
                   "target | CPU ms ss / sockscope |")
        out.append("|---|---|---|---|---|---|---|")
        for load in repeat:
            r, verdict = ratio(timing(load, "sockscope-x11"), timing(load, "ss-x11"),
                               REPEAT_TARGET)
            a, b = timing(load, "ss-x11"), timing(load, "sockscope-x11")
            cpu = f"{a['cpu']:.0f} / {b['cpu']:.0f}" if a and b else "–"
            out.append(f"| {load} | {meta.get((load, 'sockets'), '?')} | {cell(load, 'ss-x11')} "
                       f"| {cell(load, 'sockscope-x11')} | {r} | {verdict} | {cpu} |")
        out.append("")
    if "0" in loads:
        triv = timing("0", "trivial")
        sock = timing("0", "sockscope")
        r, _ = ratio(sock, triv)
        diff = f"{sock['median'] - triv['median']:+.0f} ms" if sock and triv else "–"
        out.append("Start-up at idle: `sockscope --list -tu` against bench/Trivial.java (reads "
                   "/proc/net/tcp) on the same JVM, flags and kind of class-data archive.")
        out.append("")
        out.append("| Trivial | sockscope | ratio | difference |")
        out.append("|---|---|---|---|")
        out.append(f"| {cell('0', 'trivial')} | {cell('0', 'sockscope')} | {r} | {diff} |")
        out.append("")
    rss_rows = [load for load in loads if (load, "rss_kib.sockscope") in meta]
    if rss_rows:
        out.append("Peak RSS (GNU time `%M`, median of 3), MiB:")
        out.append("")
        out.append("| load | sockets | `--list -tu` | `--list -tu --format json` | target |")
        out.append("|---|---|---|---|---|")
        for load in rss_rows:
            def mib(key):
                v = meta.get((load, key))
                return f"{int(v) / 1024:.0f}" if v and v.isdigit() else "–"
            verdict = "–"
            if int(load) == RSS_TARGET_LOAD and meta.get((load, "rss_kib.sockscope"), "").isdigit():
                ok = int(meta[(load, "rss_kib.sockscope")]) / 1024 <= RSS_TARGET_MIB
                verdict = f"≤ {RSS_TARGET_MIB} " + ("ok" if ok else "**missed**")
            out.append(f"| {load} | {meta.get((load, 'sockets'), '?')} | "
                       f"{mib('rss_kib.sockscope')} | {mib('rss_kib.sockscope-json')} | {verdict} |")
        out.append("")
    if runs:
        out.append("Runs and ranges: " + "; ".join(runs) + ".")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize.py RESULT_DIR")
    main(sys.argv[1])
