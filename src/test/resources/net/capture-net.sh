#!/bin/sh
# Captures the files sockscope's network readers read, from this host and from a network
# namespace holding a veth pair with known addresses, routes and neighbour entries; also what
# `ip -j` says of the same namespace, for the tests to compare against. Run as root:
#   sh capture-net.sh OUTDIR
#   RTNL_CP=target/classes:target/test-classes:target/lib/jna-jpms-5.19.1.jar sh capture-net.sh OUTDIR
# Writes OUTDIR/host and OUTDIR/veth, each a root with proc/net/* and sys/class/net/*/*.
# Every captured file gets a first line "# captured from ... on Linux <release>" (the tests
# strip it: production code only reads the kernel's bytes).
set -eu
out=${1:?usage: capture-net.sh OUTDIR}
kernel="Linux $(uname -r) ($(uname -m))"

capture() { # $1 = destination root, run inside the namespace to capture
    dest=$1
    mkdir -p "$dest/proc/net" "$dest/sys/class/net"
    for f in dev route ipv6_route arp if_inet6; do
        { echo "# captured from /proc/net/$f on $kernel by capture-net.sh; the tests strip this line"
          cat "/proc/net/$f"; } > "$dest/proc/net/$f"
    done
    for dev in /sys/class/net/*; do
        name=$(basename "$dev")
        mkdir -p "$dest/sys/class/net/$name/statistics"
        for f in flags operstate carrier mtu address ifindex type; do
            if v=$(cat "$dev/$f" 2>/dev/null); then
                { echo "# captured from /sys/class/net/$name/$f on $kernel by capture-net.sh; the tests strip this line"
                  echo "$v"; } > "$dest/sys/class/net/$name/$f"
            fi
        done
        for f in rx_bytes rx_packets rx_errors rx_dropped tx_bytes tx_packets tx_errors tx_dropped; do
            { echo "# captured from /sys/class/net/$name/statistics/$f on $kernel by capture-net.sh; the tests strip this line"
              cat "$dev/statistics/$f"; } > "$dest/sys/class/net/$name/statistics/$f"
        done
    done
    for what in "addr" "route" "-6 route" "neigh"; do
        file=$(echo "ip-j-$what" | tr ' ' '-' | sed 's/--/-/')
        { echo "# captured from 'ip -j $what' on $kernel by capture-net.sh; the tests strip this line"
          ip -j $what; } > "$dest/$file.json"
    done
}

if [ "${CAPTURE_INSIDE:-}" = 1 ]; then
    capture "$out"
    # the kernel's own route choice for a few destinations, and (with RTNL_CP, the class path of
    # target/classes, target/test-classes and JNA) the raw rtnetlink answers for the codec's tests
    for dst in ${ROUTE_GET:-}; do
        { echo "# captured from 'ip -j route get $dst' on $kernel by capture-net.sh; the tests strip this line"
          ip -j route get "$dst" 2>&1 || true; } > "$out/ip-j-route-get-$(echo "$dst" | tr ':' '_').json"
    done
    if [ -n "${RTNL_CP:-}" ]; then
        java -cp "$RTNL_CP" dev.sockscope.net.RtnlCapture "$out/rtnl" ${ROUTE_GET:-}
    fi
    exit 0
fi

capture "$out/host"

ns=sockscope-capture-$$
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip -n "$ns" link add vcap0 type veth peer name vcap1
ip -n "$ns" link set lo up
ip -n "$ns" link set vcap0 up mtu 1450
ip -n "$ns" link set vcap1 up
ip -n "$ns" addr add 10.77.0.1/24 dev vcap0
ip -n "$ns" addr add 10.77.1.1/16 dev vcap0 label vcap0:1
ip -n "$ns" addr add 10.77.0.2/24 dev vcap1
ip -n "$ns" -6 addr add 2001:db8:77::1/64 dev vcap0 nodad
ip -n "$ns" -6 addr add 2001:db8:77::2/64 dev vcap1 nodad
ip -n "$ns" route add default via 10.77.0.254 dev vcap0 metric 100
ip -n "$ns" route add 198.51.100.0/24 via 10.77.0.3 dev vcap0 metric 20
ip -n "$ns" -6 route add default via 2001:db8:77::fe dev vcap0 metric 1024
ip -n "$ns" -6 route add 2001:db8:99::/48 via 2001:db8:77::3 dev vcap0 metric 50
ip -n "$ns" neigh add 10.77.0.254 lladdr 02:00:00:77:00:fe dev vcap0 nud permanent
ip -n "$ns" neigh add 10.77.0.9 lladdr 02:00:00:77:00:09 dev vcap0 nud stale
ip -n "$ns" -6 neigh add 2001:db8:77::fe lladdr 02:00:00:77:00:fe dev vcap0 nud permanent
ip netns exec "$ns" ping -c 1 -W 1 10.77.0.2 >/dev/null 2>&1 || true
CAPTURE_INSIDE=1 ROUTE_GET="198.51.100.7 10.77.0.77 10.77.5.5 192.0.2.9 10.77.0.2 2001:db8:99::7 2001:db8:77::9 2001:db8:5::1" \
    ip netns exec "$ns" sh "$0" "$out/veth"
