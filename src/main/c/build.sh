#!/bin/sh
# Builds sockscope's JNI library (netlink calls, fd tables): build.sh OUT_DIR JAVA_HOME (run by `mvn compile` on
# Linux; OUT_DIR is target/native/linux-<os.arch>, where the Java side looks for it beside the
# jar). Without a C compiler it builds nothing and says so: sockscope then makes its netlink
# calls through the JDK's foreign function API (JDK 22+) or JNA, which start slower.
set -eu
out=$1 jdk=$2
src=$(dirname "$0")/sockscope_native.c
cc=${CC:-}
if [ -z "$cc" ]; then
  for c in gcc cc clang; do command -v "$c" >/dev/null 2>&1 && { cc=$c; break; }; done
fi
if [ -z "$cc" ]; then
  echo "sockscope: no C compiler (gcc): the JNI netlink library is not built; netlink calls go through FFM or JNA" >&2
  exit 0
fi
[ -f "$jdk/include/jni.h" ] || jdk=${jdk%/jre}
mkdir -p "$out"
"$cc" -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
  -I"$jdk/include" -I"$jdk/include/linux" -Wl,-z,relro,-z,now,-z,noexecstack -Wl,-s \
  -o "$out/libsockscope.so.tmp" "$src"
mv -f "$out/libsockscope.so.tmp" "$out/libsockscope.so"
