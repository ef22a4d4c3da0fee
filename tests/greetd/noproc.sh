# Without /proc the dynamic loader cannot resolve $ORIGIN for a program, so
# the release's programs cannot find lib/: the control script says so
# instead of letting the program fail with "cannot open shared object file".
# Checked in a minimal chroot whose /proc is not mounted.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/greetd/common.sh"
gd_need_release
root=$(minbase_rootfs)
[ ! -e "$root/proc/self" ] || fail "$root/proc is mounted: this test needs a chroot without /proc"

inside="/tmp/greetd noproc.$$"
trap 'rm -rf "$root$inside"' EXIT
mkdir -p "$root$inside"
cp -a "$GD_RELEASE" "$root$inside/greetd"
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root GREETD_PORT=1 "$@"
}

# What the check prevents: the program itself fails to load its libraries.
run in_root "$inside/greetd/libexec/greetd" -c /dev/null
# shellcheck disable=SC2154 # rc is set by run (tests/lib.sh)
[ "$rc" -ne 0 ] || { show; fail "greetd ran without /proc: the check would not be needed"; }
expect_in "$ERR" "cannot open shared object file" "greetd without /proc"

msg="greetd: /proc is not mounted, so the release's programs cannot find their libraries in $inside/greetd/lib"
for cmd in start daemon "eval greetd"; do
  # shellcheck disable=SC2086 # the command's words
  run in_root "$inside/greetd/bin/greetd" $cmd
  expect_rc 1 "$cmd without /proc"
  expect_in "$ERR" "$msg" "$cmd without /proc"
  expect_in "$ERR" "mount /proc first" "$cmd without /proc: the fix"
done
# Under a dry run too: it fails where the real command would.
run in_root RELEASE_DRY_RUN=1 "$inside/greetd/bin/greetd" start
expect_rc 1 "dry run without /proc"
expect_in "$ERR" "$msg" "dry run without /proc"
# Commands that run no program still work.
run in_root "$inside/greetd/bin/greetd" version
expect_rc 0 "version without /proc"
[ "$(cat "$OUT")" = "greetd 1.0.0" ] || { show; fail "version without /proc"; }

# With /proc, the same start passes the check (and fails later, on the port).
run unshare --mount --mount-proc="$root/proc" chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin \
  RELEASE_DRY_RUN=1 GREETD_PORT=1 "$inside/greetd/bin/greetd" start
expect_rc 0 "dry run with /proc"
echo "ok: a missing /proc is named"
