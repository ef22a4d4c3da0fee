# Overlays are normalised: setuid/setgid bits and 0777 modes do not reach the
# release (files 0644 or 0755, directories 0755); symbolic links leading out
# of the release (to /etc/shadow, to the build tree) and a tmp/ are refused
# with a message (links inside: tests/plugins/overlay-links.sh), and
# the previous release stays. Nothing in the release is writable by the
# run-time user (checked as nobody), even when the build ran with umask 000.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"

bld="$TEST_WORK_DIR/build"
rel="$bld/release/app"
overlay="$TEST_WORK_DIR/overlay"
rm -rf "$overlay"
mkdir -p "$overlay/etc" "$overlay/bin" "$overlay/share/open"
echo 'key=value' >"$overlay/etc/app.conf"
printf '#!/bin/sh\necho helper\n' >"$overlay/bin/helper"
echo 'data' >"$overlay/share/open/data.txt"
chmod 4755 "$overlay/bin/helper"       # setuid
chmod 2777 "$overlay/share/open"       # setgid, writable by all
chmod 0666 "$overlay/etc/app.conf"     # writable by all
printf '#!/bin/sh\necho run\n' >"$overlay/share/open/run.sh"
chmod 0777 "$overlay/share/open/run.sh" # writable by all, executable
chmod 6711 "$overlay/etc"              # odd directory mode
# A permissive umask, as some build containers have: the release's modes
# must not depend on it.
umask 000
app_build "$bld" "-Dapp_extra=OVERLAYS;$overlay"
umask 022

mode() { stat -c %a "$1"; }
[ "$(mode "$rel/bin/helper")" = 755 ] || fail "setuid bin/helper has mode $(mode "$rel/bin/helper") in the release, not 755"
[ "$(mode "$rel/etc/app.conf")" = 644 ] || fail "etc/app.conf has mode $(mode "$rel/etc/app.conf"), not 644"
[ "$(mode "$rel/share/open/run.sh")" = 755 ] || fail "share/open/run.sh has mode $(mode "$rel/share/open/run.sh"), not 755"
[ "$(mode "$rel/share/open")" = 755 ] || fail "share/open has mode $(mode "$rel/share/open"), not 755"
[ "$(mode "$rel/etc")" = 755 ] || fail "etc has mode $(mode "$rel/etc"), not 755"
[ "$("$rel/bin/helper")" = helper ] || fail "bin/helper does not run"
bad=$(find "$rel" \( -perm /6000 -o -perm /022 -o -type l \) -print)
[ -z "$bad" ] || fail "setuid/setgid, group/world-writable or symlinked entries in the release: $bad"

# As the run-time user (nobody), nothing can be changed or added.
# shellcheck disable=SC2016 # the inner sh expands its own $1
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  for target in "$rel/bin/app" "$rel/libexec/app" "$rel/lib/libgreet.so" "$rel/etc/app.conf"; do
    if setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'echo x >>"$1"' sh "$target" 2>/dev/null; then
      fail "nobody can write $target"
    fi
  done
  for dir in "$rel" "$rel/bin" "$rel/share/open"; do
    if setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'echo x >"$1/planted"' sh "$dir" 2>/dev/null; then
      fail "nobody can create files in $dir"
    fi
  done
fi
release_content "$rel" >"$TEST_WORK_DIR/good.txt"

# refused <what> <log-regex>: the build fails saying so; the release is the
# previous one.
refused() {
  build_fails "$bld" "$TEST_WORK_DIR/refused.log" "$1"
  log_says "$TEST_WORK_DIR/refused.log" "$2"
  release_content "$rel" >"$TEST_WORK_DIR/now.txt"
  same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "$1 changed the release"
  [ ! -e "$bld/release/.app.new" ] || fail "$1 left .app.new behind"
}

ln -s /etc/shadow "$overlay/etc/shadow"
refused "a symlink to /etc/shadow" \
  "add_release\(app\): the overlay entry '[^']*/overlay/etc/shadow' is a symbolic link to '/etc/shadow', outside the release: a release holds only its own files\. Fix: replace the link by a copy of what it points to \(cp -L\), or point it at a file of the release with a relative path \(links inside the release are resolved at assembly\)\."
rm "$overlay/etc/shadow"
ln -s "$bld" "$overlay/share/build"
refused "a symlink to the build tree" "the overlay entry '[^']*/overlay/share/build' is a symbolic link to '$bld', outside the release"
rm "$overlay/share/build"
ln -s ../../etc/app.conf "$overlay/share/conf"
refused "a relative symlink leading out" "the overlay entry '[^']*/overlay/share/conf' is a symbolic link to '\.\./\.\./etc/app\.conf', outside the release"
rm "$overlay/share/conf"
mkdir -p "$overlay/tmp"
echo stale >"$overlay/tmp/app.pid"
refused "an overlay with tmp/" "the overlay entry '[^']*/overlay/tmp' is in tmp/, which the control script keeps for the running daemon's pid file and log"
rm -r "$overlay/tmp"
mkfifo "$overlay/share/fifo"
refused "a named pipe" "the overlay entry '[^']*/overlay/share/fifo' is not a regular file or directory"
rm "$overlay/share/fifo"
build_ok "$bld" "$TEST_WORK_DIR/fixed.log" "the overlay without them"
echo "overlay modes normalised; symlinks, tmp/ and a pipe refused"
