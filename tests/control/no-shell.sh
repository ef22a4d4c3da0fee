# The native launcher in a root without a shell: the release, the glibc its
# programs need (the release is not HERMETIC), /proc and /dev/null; no
# /bin/sh, no tool. A release without an env hook (ctltask) runs start with
# its BEFORE_START tasks, eval and version, and reports a missing
# REQUIRED_ENV; one with a hook (ctl) fails naming the hook.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/control/common.sh"

need_cmd unshare util-linux
root=$W/root
mkdir -p "$root/rel" "$root/proc" "$root/dev"
copy_release "$root/rel/ctltask" ctltask
copy_release "$root/rel/ctl" ctl
: >"$root/dev/null"
mount --bind /dev/null "$root/dev/null" 2>/dev/null || skip "cannot bind-mount /dev/null here"
trap 'umount "$root/dev/null" 2>/dev/null || :' EXIT
# The loader and glibc libraries the programs need, at their paths.
for lib in $(ldd "$root/rel/ctltask/libexec/prog" "$root/rel/ctltask/libexec/migrate" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | sort -u); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
[ ! -e "$root/bin/sh" ] || fail "the root has a shell"

# inroot <command...>: runs it in the root with /proc mounted.
chroot=$(command -v chroot) || skip "no chroot(8)"
inroot() {
  run env -i CTL_SECRET="${SECRET-s3cret}" RELEASE_DATA=/data CTL_FIXTURE_MODE=args \
    unshare --mount --pid --fork --mount-proc="$root/proc" "$chroot" "$root" "$@"
}
inroot /rel/ctltask/bin/ctltask version
expect_rc 0 "version without a shell"
expect_out "version without a shell" "ctltask 1.2.3"
inroot /rel/ctltask/bin/ctltask start 'a b'
expect_rc 0 "start without a shell"
expect_out "start without a shell" "migrate --to v 2 /data/db" "migrate it's second" "[a b]"
inroot /rel/ctltask/bin/ctltask eval migrate x
expect_rc 0 "eval without a shell"
expect_out "eval without a shell" "migrate x"
SECRET='' inroot /rel/ctltask/bin/ctltask start
expect_rc 1 "start without CTL_SECRET"
expect_in "$ERR" "required environment variable(s) not set: CTL_SECRET" "start without CTL_SECRET"
inroot /rel/ctl/bin/ctl version
expect_rc 1 "a release with a hook, without a shell"
expect_in "$ERR" "ctl: the env hook /rel/ctl/releases/1.2.3/env.sh needs /bin/sh" "the hook is named"
echo "no-shell: all checks passed"
