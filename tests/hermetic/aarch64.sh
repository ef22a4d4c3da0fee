# The hermetic test release cross-built for aarch64 (Debian's arm64 SQLite
# and OpenSSL) runs under qemu-user WITHOUT QEMU_LD_PREFIX: it carries the
# arm64 glibc and loader, and the control script runs the programs through
# that loader; at PREFIX (in an empty root) they run directly.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/lib.sh"
triple=aarch64-linux-gnu
need_cross "$triple"
need_qemu "$triple"
need_cmd patchelf patchelf
[ -e /usr/lib/$triple/libsqlite3.so ] || skip "libsqlite3-dev:arm64 is not installed"
[ -e /usr/lib/$triple/libcrypto.so ] || skip "libssl-dev:arm64 is not installed"
bld=$TEST_WORK_DIR/build
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/hermetic/project" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$triple.cmake" -DHREL_GCONV=
rel=$bld/release/hrel
check_machine "$rel" "$triple"
[ -x "$rel/lib/ld-linux-aarch64.so.1" ] || fail "no executable lib/ld-linux-aarch64.so.1 in the release"
[ "$(patchelf --print-interpreter "$rel/libexec/hrel")" = "$HREL_PREFIX/lib/ld-linux-aarch64.so.1" ] \
  || fail "libexec/hrel: PT_INTERP $(patchelf --print-interpreter "$rel/libexec/hrel")"
# Nothing tells qemu where an arm64 root is.
unset QEMU_LD_PREFIX
expect_start_eval_version "aarch64 under qemu" "$rel/bin/hrel"

root=$TEST_WORK_DIR/root
need_root "chroot into an empty root"
empty_root "$root" "$rel"
run in_chroot "$root" "$HREL_PREFIX/libexec/hrel"
expect_rc 0 "aarch64 hrel in the empty root"
expect_in "$OUT" 'says 6*7=42' "aarch64 hrel in the empty root"
run in_chroot "$root" "$HREL_PREFIX/libexec/hrel" reexec
expect_rc 0 "aarch64 reexec in the empty root"
[ "$(cat "$OUT")" = "child argv0=$HREL_PREFIX/libexec/hrel" ] || { show; fail "aarch64 reexec in the empty root"; }
echo "ok: aarch64"
