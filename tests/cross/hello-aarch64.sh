# The hello example (SQLite and OpenSSL from Debian's arm64 packages)
# cross-built for aarch64: libraries come from the target's multiarch
# directories, never the build machine's, and the release runs under qemu.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
triple=aarch64-linux-gnu
need_cross "$triple"
need_qemu "$triple"
[ -e /usr/lib/$triple/libsqlite3.so ] || skip "libsqlite3-dev:arm64 is not installed"
[ -e /usr/lib/$triple/libcrypto.so ] || skip "libssl-dev:arm64 is not installed"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/hello" "$bld" release \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$triple.cmake"
rel="$bld/release/hello"
check_machine "$rel" "$triple"
out=$(QEMU_LD_PREFIX=$(qemu_prefix "$triple") "$rel/bin/hello" start arm)
echo "$out"
echo "$out" | grep -q '^sqlite .* says 6\*7=42$' || fail "SQLite did not answer"
echo "$out" | grep -q 'sha256(arm)=ddf7ff5ebd9d66ce161466c1c0262430fa04de32b0e420ee3f489e2e2112e386' \
  || fail "OpenSSL did not hash"
