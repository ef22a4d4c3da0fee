# The hermetic test release in a Debian 11 rootfs (glibc 2.31, older than
# the build machine's 2.36, where a default release fails with
# "GLIBC_2.34 not found"): anywhere in it through the control script and
# the bundled loader, and at PREFIX with its programs executed directly.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
need_hrel
need_cmd unshare util-linux
root=$(bullseye_rootfs)
chroot "$root" /usr/bin/ldd --version | head -n 1 | grep -q ' 2\.31$' \
  || fail "the rootfs $root has no glibc 2.31: $(chroot "$root" /usr/bin/ldd --version | head -n 1)"
rootfs_lacks "$root" libsqlite3.so.0 libcrypto.so.3
where="/srv/hrel test"
cleanup() { rm -rf "${root:?}$where" "${root:?}$HREL_PREFIX"; }
trap cleanup EXIT
cleanup
mkdir -p "$root$where" "$root$HREL_PREFIX"
cp -a "$HREL_RELEASE/." "$root$where/"
cp -a "$HREL_RELEASE/." "$root$HREL_PREFIX/"
in_root="unshare --mount --mount-proc=$root/proc chroot $root"

# shellcheck disable=SC2086 # $in_root: a command line of words without spaces
expect_start_eval_version "bullseye, $where" "$where/bin/hrel" $in_root
# shellcheck disable=SC2086
expect_start_eval_version "bullseye, at PREFIX" "$HREL_PREFIX/bin/hrel" $in_root
# At PREFIX the control script executes the program itself.
run in_chroot "$root" /usr/bin/env RELEASE_DRY_RUN=1 HREL_TOKEN=t "$HREL_PREFIX/bin/hrel" start
expect_rc 0 "dry run at PREFIX"
[ "$(cat "$OUT")" = "'$HREL_PREFIX/libexec/hrel'" ] || { show; fail "dry run at PREFIX: not the program itself"; }
# The process is named after the program both ways (relocated: the loader
# executed through its link libexec/.cmake-release/loader/hrel).
run in_chroot "$root" /usr/bin/env HREL_TOKEN=t "$where/bin/hrel" start name
expect_rc 0 "name relocated"
[ "$(cat "$OUT")" = "name comm=hrel argv0=hrel cmdline=$where/libexec/.cmake-release/loader/hrel --argv0 hrel $where/libexec/hrel name" ] \
  || { show; fail "relocated in bullseye: the process is not named hrel"; }
run in_chroot "$root" /usr/bin/env HREL_TOKEN=t "$HREL_PREFIX/bin/hrel" start name
expect_rc 0 "name at PREFIX"
[ "$(cat "$OUT")" = "name comm=hrel argv0=$HREL_PREFIX/libexec/hrel cmdline=$HREL_PREFIX/libexec/hrel name" ] \
  || { show; fail "at PREFIX in bullseye: the process is not named hrel"; }
# Programs that start programs of the release, at PREFIX.
run in_chroot "$root" "$HREL_PREFIX/libexec/hrel" exec-tool
expect_rc 0 "exec-tool at PREFIX"
[ "$(cat "$OUT")" = "htool:(unset) [from-hrel]" ] || { show; fail "exec-tool at PREFIX"; }
run in_chroot "$root" "$HREL_PREFIX/libexec/hrel" reexec
expect_rc 0 "reexec at PREFIX"
[ "$(cat "$OUT")" = "child argv0=$HREL_PREFIX/libexec/hrel" ] || { show; fail "reexec at PREFIX"; }
run in_chroot "$root" /usr/bin/env -i HREL_TOKEN=t "$where/bin/hrel" start iconv EUC-JP
expect_rc 0 "iconv in bullseye"
[ "$(cat "$OUT")" = "iconv EUC-JP c6fccbdc" ] || { show; fail "iconv in bullseye"; }
run in_chroot "$root" /usr/bin/env -i "$HREL_PREFIX/libexec/hrel" user
expect_rc 0 "getpwuid in bullseye"
expect_in "$OUT" "user root /root" "getpwuid in bullseye"
echo "ok: Debian 11"
