#!/usr/bin/env bash
# Installs target/sockscope_*_*.deb on this machine, checks what a user gets, removes it and
# checks that nothing is left. Run as root after `mvn -B verify` (.ci/run does); exits non-zero on
# the first failed check. Needs apt-get or dpkg, man-db, bash-completion, setpriv, python3;
# zsh and fish are checked when installed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
checkout=$PWD

fail() { printf 'install-test: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'install-test: ok: %s\n' "$*"; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs a package)"
debs=(target/sockscope_*_*.deb)
[ -f "${debs[0]}" ] && [ ${#debs[@]} = 1 ] || fail "expected one target/sockscope_*_*.deb (run mvn package)"
deb=$checkout/${debs[0]}
for c in man setpriv python3 dpkg-deb; do command -v $c >/dev/null || fail "$c is not installed"; done
[ -f /usr/share/bash-completion/bash_completion ] || fail "bash-completion is not installed"
if dpkg-query -W -f='${Status}' sockscope 2>/dev/null | grep -q 'ok installed'; then
  fail "sockscope is already installed here; remove it first (apt-get remove sockscope)"
fi

tmp=$(mktemp -d /tmp/sockscope-install-test.XXXXXX)
chmod 755 "$tmp"
holder=""
man_include=""
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
  [ -n "$man_include" ] && rm -f "$man_include"
  if dpkg-query -W -f='${Status}' sockscope 2>/dev/null | grep -q 'ok installed'; then
    dpkg --purge sockscope >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Debian's container images exclude /usr/share/man from every package (path-exclude in
# /etc/dpkg/dpkg.cfg.d/, e.g. "docker" or "excludes"). A later path-include wins, so a file
# read after them puts sockscope's page back; it is removed again at the end.
if grep -hqs '^[[:space:]]*path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
  man_include=/etc/dpkg/dpkg.cfg.d/zz-sockscope-man
  echo 'path-include=/usr/share/man/man1/sockscope.1.gz' > "$man_include"
  ok "dpkg excludes /usr/share/man here: $man_include includes sockscope.1.gz"
fi

# ---- install ----
if command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get install $deb"; }
else
  dpkg -i "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "dpkg -i $deb"; }
fi
dpkg -L sockscope | sort > "$tmp/files"
ok "installed $(basename "$deb"): $(grep -c . "$tmp/files") paths"
[ "$(command -v sockscope)" = /usr/bin/sockscope ] || fail "sockscope is not /usr/bin/sockscope on PATH: $(command -v sockscope || true)"
# /usr/bin holds the launcher with its tree named, not a link that each run resolves
[ -f /usr/bin/sockscope ] && [ ! -L /usr/bin/sockscope ] || fail "/usr/bin/sockscope is not a file"
d=$(diff /usr/share/sockscope/bin/sockscope /usr/bin/sockscope || true)
[ "$(grep -c '^[<>]' <<<"$d")" = 2 ] && grep -qx '> installed_tree=/usr/share/sockscope' <<<"$d" ||
  fail "/usr/bin/sockscope differs from the tree's launcher by more than its tree: $d"
! bash -x /usr/bin/sockscope --version 2>&1 >/dev/null | grep -q 'readlink' || fail "the launcher resolved a link"
for f in /usr/share/man/man1/sockscope.1.gz /usr/share/bash-completion/completions/sockscope \
         /usr/share/zsh/vendor-completions/_sockscope /usr/share/fish/vendor_completions.d/sockscope.fish \
         /usr/share/sockscope/lib/sockscope.jar /usr/share/doc/sockscope/copyright; do
  [ -f "$f" ] || fail "$f was not installed"
done
touch "$tmp/stamp"
sleep 1

# a loopback listener this script holds, so the check does not depend on what else runs here
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True)
time.sleep(300)' > "$tmp/port" &
holder=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
[ -n "$port" ] || fail "the test listener did not start"

# ---- run as root, with a cache of its own ----
mkdir -m 700 "$tmp/root-cache"
out=$(XDG_CACHE_HOME="$tmp/root-cache" sockscope --list -t --port "$port" 2>"$tmp/err") || fail "sockscope --list as root: status $? $(cat "$tmp/err")"
grep -Eq "^tcp +127\.0\.0\.1:$port +\* +LISTEN +$holder/python3" <<<"$out" || fail "as root, the listener on $port held by $holder is not shown: $out"
ok "root: sockscope --list finds 127.0.0.1:$port LISTEN $holder/python3"
XDG_CACHE_HOME="$tmp/root-cache" sockscope --list >/dev/null 2>&1 || [ $? = 1 ] || fail "plain sockscope --list as root"
v=$(sockscope --version) || fail "sockscope --version"
# the package carries the JNI library of its architecture: auto reads netlink through it
ls /usr/share/sockscope/lib/native/linux-*/libsockscope.so >/dev/null || fail "no JNI library installed"
grep -q '^sockscope [0-9]' <<<"$v" && grep -q '^commit ' <<<"$v" && grep -q '^java ' <<<"$v" \
  && grep -qx 'backend  netlink (auto, jni)' <<<"$v" || fail "sockscope --version: $v"
ok "root: --version: $(tr '\n' ';' <<<"$v")"

# the per-user class-data archive: trained in the background by the first run
archive=""
for _ in $(seq 120); do
  archive=$(find "$tmp/root-cache/sockscope" -maxdepth 1 \( -name '*.aot' -o -name '*.jsa' \) -size +0 2>/dev/null | head -1 || true)
  [ -n "$archive" ] && break
  sleep 0.5
done
[ -n "$archive" ] || fail "no class-data archive in $tmp/root-cache/sockscope after 60 s: $(ls -la "$tmp/root-cache/sockscope" 2>&1)"
ok "root: class-data archive $(basename "$archive") in the user's cache"

# ---- run as nobody: with no home (nobody's is /nonexistent), then with a cache directory ----
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent "$@"; }
out=$(as_nobody sockscope --list -t --port "$port" 2>"$tmp/err") || fail "sockscope --list as nobody: status $? $(cat "$tmp/err")"
grep -Eq "^tcp +127\.0\.0\.1:$port +\* +LISTEN +-( |$)" <<<"$out" || fail "as nobody, the listener on $port is not shown (owner hidden): $out"
grep -q 'no owner' "$tmp/err" || fail "as nobody, no note on hidden owners: $(cat "$tmp/err")"
ok "nobody: sockscope --list finds 127.0.0.1:$port LISTEN, owner hidden, one note"
mkdir -m 700 "$tmp/nobody-cache" && chown nobody:nogroup "$tmp/nobody-cache"
as_nobody XDG_CACHE_HOME="$tmp/nobody-cache" sockscope --list >/dev/null 2>&1 || [ $? = 1 ] || fail "sockscope --list as nobody with a cache"
archive=""
for _ in $(seq 120); do
  archive=$(find "$tmp/nobody-cache/sockscope" -maxdepth 1 \( -name '*.aot' -o -name '*.jsa' \) -size +0 -user nobody 2>/dev/null | head -1 || true)
  [ -n "$archive" ] && break
  sleep 0.5
done
[ -n "$archive" ] || fail "no class-data archive for nobody after 60 s: $(ls -la "$tmp/nobody-cache/sockscope" 2>&1)"
ok "nobody: class-data archive $(basename "$archive") in nobody's cache"
as_nobody XDG_CACHE_HOME="$tmp/nobody-cache" sockscope --list -t --port "$port" >/dev/null 2>&1 || fail "second run as nobody, with the archive"
written=$(find /usr/share/sockscope /usr/bin/sockscope -newer "$tmp/stamp" 2>/dev/null)
[ -z "$written" ] || fail "runs wrote into the installed tree: $written"
ok "nothing written under /usr/share/sockscope by the runs"

# ---- man page ----
page=$(man -w sockscope 2>&1) || fail "man -w sockscope: $page"
[ "$page" = /usr/share/man/man1/sockscope.1.gz ] || fail "man -w sockscope gives $page"
warnings=$(man --warnings -l "$page" 2>&1 >/dev/null)
[ -z "$warnings" ] || fail "man --warnings: $warnings"
text=$(MANWIDTH=80 man -l "$page" 2>/dev/null | col -b)
for section in SELECTION OUTPUT 'LIVE VIEW KEYS' 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES; do
  grep -q "^$section" <<<"$text" || fail "the man page has no $section section"
done
ok "man -w sockscope: $page; man --warnings: none; sections present"

# ---- bash completion, loaded the way bash-completion loads it on the first Tab ----
complete_bash() {
  bash --norc --noprofile -c '
    . /usr/share/bash-completion/bash_completion
    _completion_loader sockscope >/dev/null 2>&1
    spec=$(complete -p sockscope) || exit 3
    fn=${spec#*-F }; fn=${fn%% *}
    COMP_WORDS=(sockscope "$@"); COMP_CWORD=$#; COMP_LINE="sockscope $*"; COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$fn" sockscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' bash "$@"
}
got=$(complete_bash --state e) || fail "bash completion of --state e"
[ "$got" = established ] || fail "bash: sockscope --state e<Tab> gives '$got', not 'established'"
ok "bash: --state e<Tab> -> $got"
got=$(complete_bash --port ht) || fail "bash completion of --port ht"
grep -qx http <<<"$got" && grep -qx https <<<"$got" || fail "bash: --port ht<Tab> lacks http or https: $got"
bad=$(grep -v '^ht' <<<"$got" || true)
[ -z "$bad" ] || fail "bash: --port ht<Tab> offers words not starting with ht: $bad"
ok "bash: --port ht<Tab> -> $(grep -c . <<<"$got") names: $(tr '\n' ' ' <<<"$got")"
got=$(complete_bash --state listen,e)
[ "$got" = listen,established ] || fail "bash: --state listen,e<Tab> gives '$got'"
got=$(complete_bash --pid "$holder")
grep -qx "$holder" <<<"$got" || fail "bash: --pid $holder<Tab> does not offer $holder: $got"
got=$(complete_bash --li)
[ "$got" = --list$'\n'--listening ] || [ "$got" = --listening$'\n'--list ] || fail "bash: --li<Tab> gives '$got'"
ok "bash: lists, pids and options complete"

# ---- zsh and fish, where installed ----
if command -v zsh >/dev/null; then
  reg=$(zsh -f -c 'autoload -U compinit && compinit -u -D && print -r -- ${_comps[sockscope]}')
  [ "$reg" = _sockscope ] || fail "zsh: compinit does not register _sockscope for sockscope: '$reg'"
  zsh -n /usr/share/zsh/vendor-completions/_sockscope || fail "zsh -n _sockscope"
  # an interactive zsh on a pseudo-terminal, as a user types: --state e<Tab>
  cat > "$tmp/tab.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='>'; autoload -U compinit; compinit -u -D"
zpty -w -n z $'sockscope --state e\t'
sleep 3
out=""
while zpty -r -t z chunk; do out+=$chunk; done
print -r -- "$out"
zpty -d z
ZSH
  got=$(cd "$tmp" && HOME=$tmp timeout 60 zsh -f "$tmp/tab.zsh" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tr -d '\r')
  grep -q 'sockscope --state established' <<<"$got" || fail "zsh: sockscope --state e<Tab> gives: $got"
  ok "zsh: compinit registers _sockscope; --state e<Tab> -> established"
fi
if command -v fish >/dev/null; then
  got=$(cd "$tmp" && HOME=$tmp fish -c 'complete -C"sockscope --state e"' | cut -f1)
  [ "$got" = established ] || fail "fish: sockscope --state e<Tab> gives '$got'"
  got=$(cd "$tmp" && HOME=$tmp fish -c 'complete -C"sockscope --port ht"' | cut -f1)
  grep -qx http <<<"$got" && grep -qx https <<<"$got" || fail "fish: --port ht<Tab> lacks http or https: $got"
  ok "fish: --state e<Tab> -> established; --port ht<Tab> -> $(grep -c . <<<"$got") names"
fi

# ---- remove: nothing of the package is left ----
kill "$holder" 2>/dev/null || true; holder=""
if command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq sockscope >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get remove sockscope"; }
else
  dpkg -r sockscope >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "dpkg -r sockscope"; }
fi
status=$(dpkg-query -W -f='${Status}' sockscope 2>/dev/null || true)
[ -z "$status" ] || [ "$status" = "unknown ok not-installed" ] || fail "after removal dpkg says: $status"
left=""
while IFS= read -r f; do
  case $f in /.|/usr|/usr/bin|/usr/share|/usr/share/man|/usr/share/man/man1|/usr/share/doc|/usr/share/bash-completion|/usr/share/bash-completion/completions|/usr/share/zsh|/usr/share/zsh/vendor-completions|/usr/share/fish|/usr/share/fish/vendor_completions.d) continue ;; esac
  [ -e "$f" ] || [ -L "$f" ] && left+="$f "
done < "$tmp/files"
[ -z "$left" ] || fail "left after removal: $left"
found=$(find /usr /etc /var/lib/dpkg/info /opt -name '*sockscope*' ! -path "$checkout/*" 2>/dev/null | grep -v "^$man_include\$" || true)
[ -z "$found" ] || fail "found after removal: $found"
ok "removed: none of the $(grep -c . "$tmp/files") paths is left, no *sockscope* under /usr /etc /opt /var/lib/dpkg/info"
