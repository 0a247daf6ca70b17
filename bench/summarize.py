#!/usr/bin/env python3
"""Summarizes one bench/run.sh result directory as Markdown on stdout.

Reads <dir>/meta.tsv (tag, key, value; the tag is "-" for the run, else KIND-LOAD such as
idle-0, spread-10000, few-10000) and <dir>/<tag>-<name>.json (hyperfine exports).
Times are hyperfine medians of whole-process wall time, in milliseconds; CPU is user + system.
Loads are counted in sockets (the rows `ss -tuan` lists).
"""
import json
import os
import re
import sys

# targets of issue 19, loads in sockets
LIST_TARGETS = {10000: 1.0, 40000: 0.5, 100000: 0.25}
REPEAT_TARGET = 0.3
REPEAT_TARGET_LOAD = 40000
RSS_TARGET_MIB = 150
RSS_TARGET_LOAD = 40000
LIVE_TARGET_PCT = 5.0
LIVE_TARGET_LOAD = 40000
STARTUP_TARGET = 1.5

COLUMNS = [
    ("ss", "ss -tuanp"),
    ("netstat", "netstat -tuanp"),
    ("lsof", "lsof -nP -iTCP"),
    ("sockscope", "sockscope --list -tu"),
    ("sockscope-json", "… --format json"),
]
KIND_ORDER = {"idle": 0, "spread": 1, "few": 2}
KIND_TEXT = {
    "idle": "idle: no load",
    "spread": "spread: bench/loadgen, N/2 TCP connections in processes of ≤ 9,000",
    "few": "few: bench/loadmix, N sockets in 4 processes or the fewest the fd limit allows "
           "(TCP v4/v6 + listeners, 5% UDP, "
           "N/20 unix)",
}


def verdict(value, target):
    return "ok" if value <= target else "**MISSED**"


def main(d):
    meta = {}
    tags = []
    with open(os.path.join(d, "meta.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) != 3:
                continue
            tag, key, value = parts
            meta[(tag, key)] = value
            if tag != "-" and tag not in tags:
                tags.append(tag)

    def split(tag):
        kind, _, load = tag.rpartition("-")
        return kind, int(load)

    tags.sort(key=lambda t: (split(t)[1], KIND_ORDER.get(split(t)[0], 9)))
    kinds = [k for k in ("spread", "few") if any(split(t)[0] == k for t in tags)]

    def timing(tag, name):
        path = os.path.join(d, f"{tag}-{name}.json")
        if not os.path.exists(path):
            return None
        try:
            with open(path, encoding="utf-8") as f:
                r = json.load(f)["results"][0]
        except (ValueError, KeyError, IndexError):
            return None  # still being written, or hyperfine failed
        return {"median": r["median"] * 1000, "min": r["min"] * 1000, "max": r["max"] * 1000,
                "runs": len(r["times"]), "cpu": (r["user"] + r["system"]) * 1000}

    def cell(tag, name):
        t = timing(tag, name)
        if t is None:
            return meta.get((tag, "status." + name), "–")
        return f"{t['median']:.0f}"

    def ratios(tag, a_name, b_name):
        """(wall ratio, CPU ratio) of a over b, None where missing"""
        a, b = timing(tag, a_name), timing(tag, b_name)
        if a is None or b is None:
            return None, None
        wall = a["median"] / b["median"] if b["median"] > 0 else None
        cpu = a["cpu"] / b["cpu"] if b["cpu"] > 0 else None
        return wall, cpu

    def fmt(x, digits=2):
        return "–" if x is None else f"{x:.{digits}f}"

    def live(tag):
        line = meta.get((tag, "live"))
        if not line:
            return None
        return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)

    def sockets(tag):
        """the count while the load was up; the change by its end and what was there before it
        when either is large (other work on the machine)"""
        v = meta.get((tag, "sockets"), "")
        if not v.isdigit():
            return "?"
        text = f"{int(v):,}"
        end, base = meta.get((tag, "sockets_end"), ""), meta.get((tag, "baseline"), "")
        if end.isdigit() and abs(int(end) - int(v)) > max(100, int(v) // 100):
            text += f" → {int(end):,}"
        if base.isdigit() and int(base) > 1000 and not tag.startswith("idle-"):
            text += f" ({int(base):,} before the load)"
        return text

    def rss_mib(tag, name):
        v = meta.get((tag, "rss_kib." + name), "")
        return int(v) / 1024 if v.isdigit() else None

    out = []
    name = os.path.basename(os.path.normpath(d))
    out.append(f"## Results {name}")
    out.append("")
    # the header line: machine, JDKs, load averages
    def jdk(key):
        """'JDK 25.0.3 (/usr/lib/jvm/...)' from the recorded `java -version` line"""
        v = meta.get(("-", key))
        if not v:
            return None
        version, _, home = v.partition(" at ")
        m = re.search(r'"([^"]+)"', version)
        return f"JDK {m.group(1) if m else version}" + (f" ({home})" if home else "")

    jdks = "; ".join(j for j in (jdk("java"), jdk("java17")) if j) or "JDK ?"
    la_cmds = [float(v) for (t, k), v in meta.items() if k.startswith("loadavg.")
               and v.replace(".", "", 1).isdigit()]
    la_range = f", {min(la_cmds):.2f}–{max(la_cmds):.2f} while measuring" if la_cmds else ""
    out.append(f"**{meta.get(('-', 'host'), '?')}** · {jdks} · load average "
               f"{meta.get(('-', 'loadavg_start'), '?')} at the start, "
               f"{meta.get(('-', 'loadavg_end'), '?')} at the end{la_range}"
               + (f" · {int(meta[('-', 'elapsed_s')]) // 60} min"
                  if meta.get(("-", "elapsed_s"), "").isdigit() else ""))
    out.append("")
    for key, label in [("commit", "Commit"), ("archive", "Class-data archive (launcher's JDK)"),
                       ("archive17", "Class-data archive (JDK 17)"),
                       ("java_cmd", "sockscope JVM command"), ("trivial_cmd", "Trivial command"),
                       ("java_cmd17", "sockscope JVM command, JDK 17"),
                       ("trivial_cmd17", "Trivial command, JDK 17"),
                       ("tools", "Tools"), ("nofile", "Limits"), ("sockscope", "sockscope"),
                       ("jdk17", "JDK 17")]:
        if ("-", key) in meta:
            out.append(f"- {label}: `{meta[('-', key)]}`")
    if meta.get(("-", "rebuilt")) == "yes":
        out.append("- **The jar was rebuilt during the run** (a source changed and the checkout's "
                   "launcher rebuilt it): the figures after that point measure another build, "
                   "at first without its class-data archives. Do not quote this run.")
    before = meta.get(("-", "before"), "0")
    if before.isdigit() and int(before) > 1000:
        out.append(f"- **{int(before):,} sockets were open before the run** (other work on "
                   "the machine): every figure includes them, and the socket counts below too.")
    out.append("")
    out.append("Loads are counted in sockets, the rows `ss -tuan` lists (TCP and UDP, v4 and "
               "v6); \"sockets\" is the count of /proc/net/{tcp,tcp6,udp,udp6} rows once the "
               "load is up, the machine's own included (→ the count when it was stopped, when "
               "that differs). Kinds:")
    out.append("")
    for k in ["idle"] + kinds:
        if any(split(t)[0] == k for t in tags):
            out.append(f"- {KIND_TEXT[k]}")
    out.append("")

    # --- the targets at a glance -------------------------------------------------------------
    load_tags = [t for t in tags if split(t)[0] in kinds]
    rows = []
    for load in sorted({split(t)[1] for t in load_tags}):
        if load not in LIST_TARGETS:
            continue
        target = LIST_TARGETS[load]
        cells = []
        for k in kinds:
            wall, cpu = ratios(f"{k}-{load}", "sockscope", "ss")
            cells.append("–" if wall is None else
                         f"{wall:.2f} {verdict(wall, target)} (CPU {fmt(cpu)})")
        rows.append((f"`--list -tu` / `ss -tuanp` at {load:,}", f"≤ {target}", cells))
    cells, any_cell = [], False
    for k in kinds:
        wall, cpu = ratios(f"{k}-{REPEAT_TARGET_LOAD}", "sockscope-x11", "ss-x11")
        any_cell |= wall is not None
        cells.append("–" if wall is None else
                     f"{wall:.2f} {verdict(wall, REPEAT_TARGET)} (CPU {fmt(cpu)})")
    if any_cell:
        rows.append((f"11 snapshots / 11 × `ss -tuanp` at {REPEAT_TARGET_LOAD:,}",
                     f"≤ {REPEAT_TARGET}", cells))
    cells, any_cell = [], False
    for k in kinds:
        m = rss_mib(f"{k}-{RSS_TARGET_LOAD}", "sockscope")
        any_cell |= m is not None
        cells.append("–" if m is None else f"{m:.0f} MiB {verdict(m, RSS_TARGET_MIB)}")
    if any_cell:
        rows.append((f"peak RSS of `--list -tu` at {RSS_TARGET_LOAD:,}",
                     f"≤ {RSS_TARGET_MIB} MiB", cells))
    cells, any_cell = [], False
    for k in kinds:
        tag = f"{k}-{LIVE_TARGET_LOAD}"
        lv = live(tag)
        if lv is not None:
            any_cell = True
            pct = float(lv["cpu_pct"])
            cells.append(f"{pct:.1f}% {verdict(pct, LIVE_TARGET_PCT)}")
        elif (tag, "status.live") in meta:
            any_cell = True
            cells.append(meta[(tag, "status.live")])
        else:
            cells.append("–")
    if any_cell:
        rows.append((f"live view's CPU at {LIVE_TARGET_LOAD:,}, `--interval 1`",
                     f"≤ {LIVE_TARGET_PCT:g}% of a core", cells))
    if rows:
        out.append("### Targets")
        out.append("")
        out.append("Ratios are medians of wall time (the CPU-time ratio beside them).")
        out.append("")
        out.append("| figure | target | " + " | ".join(kinds) + " |")
        out.append("|---|---|" + "---|" * len(kinds))
        for what, target, cs in rows:
            out.append(f"| {what} | {target} | " + " | ".join(cs) + " |")
        out.append("")

    # --- start-up at idle ----------------------------------------------------------------------
    if "idle-0" in tags and (timing("idle-0", "trivial") or timing("idle-0", "sockscope")):
        out.append("### Start-up at idle")
        out.append("")
        out.append("`sockscope --list -tu` against bench/Trivial.java (reads /proc/net/tcp) on "
                   "the same JVM, flags and kind of class-data archive, measured one right after "
                   "the other; and against `ss -tuanp`. Median wall ms.")
        out.append("")
        out.append("| JDK | archive | Trivial | sockscope | sockscope / Trivial | target | "
                   "difference | `ss -tuanp` | sockscope / ss |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        ss = timing("idle-0", "ss")
        for label, sfx in [((jdk("java") or "?").split(" (")[0], ""),
                           ((jdk("java17") or "?").split(" (")[0], "-17")]:
            sock, triv = timing("idle-0", "sockscope" + sfx), timing("idle-0", "trivial" + sfx)
            if sock is None and triv is None:
                continue
            r = sock["median"] / triv["median"] if sock and triv else None
            diff = f"{sock['median'] - triv['median']:+.0f} ms" if sock and triv else "–"
            v = "–" if r is None else verdict(r, STARTUP_TARGET)
            rs = sock["median"] / ss["median"] if sock and ss else None
            arch = meta.get(("-", "archive" + sfx.replace("-", "")), "?")
            out.append(f"| {label} | {arch} | {cell('idle-0', 'trivial' + sfx)} | "
                       f"{cell('idle-0', 'sockscope' + sfx)} | {fmt(r)} | ≤ {STARTUP_TARGET} "
                       f"{v} | {diff} | {cell('idle-0', 'ss')} | {fmt(rs, 1)} |")
        out.append("")

    # --- all snapshot timings --------------------------------------------------------------------
    out.append("### One snapshot")
    out.append("")
    out.append("Whole-process wall time, hyperfine median in ms (output to /dev/null); "
               "the ratio is `sockscope --list -tu` over `ss -tuanp`, wall and CPU time "
               "(user + system, hyperfine mean).")
    out.append("")
    out.append("| load | kind | sockets | processes | " +
               " | ".join(f"`{c[1]}`" for c in COLUMNS) +
               " | wall ratio | target | CPU ms ss / sockscope | CPU ratio |")
    out.append("|" + "---|" * (8 + len(COLUMNS)))
    for tag in tags:
        kind, load = split(tag)
        wall, cpu = ratios(tag, "sockscope", "ss")
        target = LIST_TARGETS.get(load) if kind != "idle" else None
        tv = "–" if target is None else (f"≤ {target} " + ("–" if wall is None
                                                           else verdict(wall, target)))
        a, b = timing(tag, "ss"), timing(tag, "sockscope")
        cpu_ms = f"{a['cpu']:.0f} / {b['cpu']:.0f}" if a and b else "–"
        ready = meta.get((tag, "load"), "").split()  # ready <count> <processes> <ms>
        procs = ready[2] if len(ready) == 4 and ready[0] == "ready" else "–"
        row = [f"{load:,}", kind, sockets(tag), procs] + \
              [cell(tag, c[0]) for c in COLUMNS] + [fmt(wall), tv, cpu_ms, fmt(cpu)]
        out.append("| " + " | ".join(row) + " |")
    out.append("")

    repeat = [t for t in tags if timing(t, "ss-x11") or timing(t, "sockscope-x11")]
    if repeat:
        out.append("### Repeated snapshots")
        out.append("")
        out.append("`sockscope --list -tu --count 11 --interval 0` (one process) against eleven "
                   "`ss -tuanp` runs in a row (bench/repeat.sh), median wall ms.")
        out.append("")
        out.append("| load | kind | sockets | 11 × `ss -tuanp` | `sockscope … --count 11` | "
                   "ratio | target | CPU ms ss / sockscope | CPU ratio |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for tag in repeat:
            kind, load = split(tag)
            wall, cpu = ratios(tag, "sockscope-x11", "ss-x11")
            tv = (f"≤ {REPEAT_TARGET} " + ("–" if wall is None else verdict(wall, REPEAT_TARGET))
                  if load == REPEAT_TARGET_LOAD else "–")
            a, b = timing(tag, "ss-x11"), timing(tag, "sockscope-x11")
            cpu_ms = f"{a['cpu']:.0f} / {b['cpu']:.0f}" if a and b else "–"
            out.append(f"| {load:,} | {kind} | {sockets(tag)} | "
                       f"{cell(tag, 'ss-x11')} | {cell(tag, 'sockscope-x11')} | {fmt(wall)} | "
                       f"{tv} | {cpu_ms} | {fmt(cpu)} |")
        out.append("")

    rss_rows = [t for t in tags if (t, "rss_kib.sockscope") in meta]
    if rss_rows:
        out.append("### Peak RSS")
        out.append("")
        out.append("GNU time `%M`, median of 3, MiB.")
        out.append("")
        out.append("| load | kind | sockets | `--list -tu` | `--list -tu --format json` | target |")
        out.append("|---|---|---|---|---|---|")
        for tag in rss_rows:
            kind, load = split(tag)
            m, j = rss_mib(tag, "sockscope"), rss_mib(tag, "sockscope-json")
            tv = "–"
            if load == RSS_TARGET_LOAD and kind != "idle" and m is not None:
                tv = f"≤ {RSS_TARGET_MIB} {verdict(m, RSS_TARGET_MIB)}"
            out.append(f"| {load:,} | {kind} | {sockets(tag)} | {fmt(m, 0)} | "
                       f"{fmt(j, 0)} | {tv} |")
        out.append("")

    live_rows = [t for t in tags if (t, "live") in meta or (t, "status.live") in meta]
    if live_rows:
        out.append("### The live view")
        out.append("")
        out.append("`bin/sockscope --interval 1` in a private tmux server (120×40): the JVM's "
                   "user + system CPU time (/proc/PID/stat) over the window after the warm-up, "
                   "as a share of one core; its peak RSS (VmHWM) and RSS at the end.")
        out.append("")
        out.append("| load | kind | sockets | CPU | target | window s | peak RSS MiB | RSS MiB | "
                   "threads | load average |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for tag in live_rows:
            kind, load = split(tag)
            lv = live(tag)
            la = meta.get((tag, "loadavg.live"), "?")
            if lv is None:
                out.append(f"| {load:,} | {kind} | {sockets(tag)} | "
                           f"{meta[(tag, 'status.live')]} | | | | | | {la} |")
                continue
            pct = float(lv["cpu_pct"])
            tv = (f"≤ {LIVE_TARGET_PCT:g}% {verdict(pct, LIVE_TARGET_PCT)}"
                  if load == LIVE_TARGET_LOAD else "–")

            def kib(v):
                return f"{int(v) / 1024:.0f}" if v and v.isdigit() else "–"
            out.append(f"| {load:,} | {kind} | {sockets(tag)} | {pct:.1f}% | "
                       f"{tv} | {lv.get('window_s', '?')} | {kib(lv.get('peak_rss_kb'))} | "
                       f"{kib(lv.get('rss_kb'))} | {lv.get('threads', '?')} | {la} |")
        out.append("")

    runs = []
    names = [c[0] for c in COLUMNS] + ["trivial", "sockscope-17", "trivial-17", "ss-x11",
                                       "sockscope-x11"]
    for tag in tags:
        for n in names:
            t = timing(tag, n)
            if t is not None:
                la = meta.get((tag, "loadavg." + n), "?")
                runs.append(f"{n}@{tag}: {t['runs']} runs, "
                            f"{t['min']:.0f}–{t['max']:.0f} ms, load average {la}")
    if runs:
        out.append("Runs and ranges: " + "; ".join(runs) + ".")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize.py RESULT_DIR")
    main(sys.argv[1])
