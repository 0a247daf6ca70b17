#!/usr/bin/env bash
# Builds the Debian package from the distribution tarball (run by `mvn package` where dpkg-deb
# exists): the tree goes to /usr/share/sockscope, the launcher (its tree named) to /usr/bin, the man
# page and the completions go where man, bash, zsh and fish look for them. The package depends
# on a Java runtime of 17 or newer; the launcher picks the newest one installed.
#
# usage: build-deb.sh TARBALL OUT_DIR VERSION MAINTAINER
set -euo pipefail
tarball=$1 out=$2 version=$3 maintainer=$4
command -v dpkg-deb >/dev/null || { echo "build-deb.sh: dpkg-deb not found" >&2; exit 1; }

work=$out/deb
rm -rf "$work"
mkdir -p "$work/src" "$work/root"
tar -xzf "$tarball" -C "$work/src"
src=$work/src/sockscope-$version
root=$work/root

install -d -m 0755 "$root/usr/share/sockscope/bin" "$root/usr/share/sockscope/lib" "$root/usr/bin" \
  "$root/usr/share/man/man1" "$root/usr/share/doc/sockscope/licenses" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d" "$root/DEBIAN"
install -m 0755 "$src/bin/sockscope" "$root/usr/share/sockscope/bin/sockscope"
install -m 0644 "$src"/lib/*.jar "$src/lib/launch-words" "$root/usr/share/sockscope/lib/"
# the netlink layer's JNI library, built for this machine: the package is then of its
# architecture (without it, of all: netlink goes through FFM or JNA)
arch=all
for so in "$src"/lib/native/linux-*/libsockscope.so; do
  [ -f "$so" ] || continue
  d=${so%/libsockscope.so}
  install -d -m 0755 "$root/usr/share/sockscope/lib/native/${d##*/}"
  install -m 0644 "$so" "$root/usr/share/sockscope/lib/native/${d##*/}/libsockscope.so"
  arch=$(dpkg --print-architecture)
done
# /usr/bin/sockscope: the launcher with its tree named, not a link to it (resolving the link took
# the launcher a fork and an exec at every run)
sed 's|^installed_tree=$|installed_tree=/usr/share/sockscope|' "$src/bin/sockscope" > "$work/usr-bin-sockscope"
grep -qx 'installed_tree=/usr/share/sockscope' "$work/usr-bin-sockscope" ||
  { echo "build-deb: the launcher has no installed_tree= line" >&2; exit 1; }
install -m 0755 "$work/usr-bin-sockscope" "$root/usr/bin/sockscope"
gzip -9n < "$src/man/man1/sockscope.1" > "$root/usr/share/man/man1/sockscope.1.gz"
chmod 0644 "$root/usr/share/man/man1/sockscope.1.gz"
install -m 0644 "$src/completions/sockscope.bash" "$root/usr/share/bash-completion/completions/sockscope"
install -m 0644 "$src/completions/_sockscope" "$root/usr/share/zsh/vendor-completions/_sockscope"
install -m 0644 "$src/completions/sockscope.fish" "$root/usr/share/fish/vendor_completions.d/sockscope.fish"
install -m 0644 "$src/NOTICE" "$root/usr/share/doc/sockscope/copyright"
install -m 0644 "$src"/licenses/* "$root/usr/share/doc/sockscope/licenses/"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: sockscope
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: default-jre-headless (>= 2:1.17) | openjdk-17-jre-headless | java17-runtime-headless
Recommends: bash-completion
Section: net
Priority: optional
Description: netstat-style inspector of the sockets on this machine
 Lists what is listening, who talks to whom and which process holds a port
 (netstat -ano, ss -tulpn and lsof -i in one tool), as a table, JSON or CSV,
 or in a live view that refreshes like TCPView.
CONTROL
(cd "$root" && find usr -type f -exec md5sum {} + | sort -k2) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb=$out/sockscope_${version}_${arch}.deb
rm -f "$out"/sockscope_"${version}"_*.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb ($(du -k "$deb" | cut -f1) KiB)"
