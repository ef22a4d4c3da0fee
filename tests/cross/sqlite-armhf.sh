# armhf with a library of Debian's: Debian 12's armhf -dev packages cannot be
# installed beside the amd64 ones at present (see ENVIRONMENT notes), so the
# test extracts libsqlite3-0:armhf and libsqlite3-dev:armhf into a folder and
# builds against that. The release must carry the armhf libsqlite3 and run
# under qemu.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
triple=arm-linux-gnueabihf
need_cross "$triple"
need_qemu "$triple"
debs="$TEST_SHARED_DIR/armhf-sqlite"
if [ ! -f "$debs/.complete" ]; then
  rm -rf "$debs"
  mkdir -p "$debs"
  (cd "$debs" && apt-get download libsqlite3-0:armhf libsqlite3-dev:armhf) >"$debs.log" 2>&1 \
    || skip "cannot download Debian's armhf SQLite packages (scripts/bootstrap adds the armhf architecture): $(tail -n 1 "$debs.log")"
  for d in "$debs"/*.deb; do dpkg -x "$d" "$debs/root"; done
  touch "$debs/.complete"
fi
root="$debs/root"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/sqlver" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$triple.cmake" \
  "-DSQLite3_INCLUDE_DIR=$root/usr/include" \
  "-DSQLite3_LIBRARY=$root/usr/lib/$triple/libsqlite3.so"
rel="$bld/release/sqlver"
check_machine "$rel" "$triple"
[ -f "$rel/lib/libsqlite3.so.0" ] || fail "libsqlite3.so.0 is not bundled"
out=$(QEMU_LD_PREFIX=$(qemu_prefix "$triple") "$rel/bin/sqlver" start)
echo "$out"
echo "$out" | grep -q '^sqlite 3\.[0-9.]*: 42$' || fail "unexpected output: $out"
