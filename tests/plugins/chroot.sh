# plugins.chroot: both releases of the fixture, copied to a path with a space
# in a minimal Debian rootfs (mmdebstrap --variant=minbase) without SQLite:
# - plugtest (plugins in libexec/, dlopen()ed by the program) loads both
#   plugins, through bin/plugtest start and run directly as libexec/plugtest;
# - plugtree (plugins in lib/plugtree/plugins, dlopen()ed by the bundled
#   libplugtree_core.so, the directory from the release's ENV) loads both;
# - with the plugin directory taken away, plugtree loads none and says so
#   (the plugins above came from the release, not from anywhere else);
# - a host LD_LIBRARY_PATH holding a broken libsqlite3.so.0 changes nothing.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/plugins-lib.sh"
need_cmd unshare util-linux
need_cmd chroot coreutils
[ -f "$PLUGINS_SHARED/fixture.ok" ] || fail "the plugins fixture is missing: run plugins.build first"
root=$(minbase_rootfs)
rootfs_lacks "$root" 'libsqlite3.so*'

dest="/opt/plugins tests"
rm -rf "$root$dest"
mkdir -p "$root$dest"
trap 'rm -rf "$root$dest"' EXIT
cp -a "$PLUGINS_BUILD/release/plugtest" "$PLUGINS_BUILD/release/plugtree" "$root$dest/"

in_chroot "$root" /usr/bin/env -i "$dest/plugtest/bin/plugtest" start >"$TEST_WORK_DIR/one.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/one.out"; fail "bin/plugtest start failed in the chroot"; }
cat "$TEST_WORK_DIR/one.out"
expect_plugins_output "$TEST_WORK_DIR/one.out"
in_chroot "$root" /usr/bin/env -i "$dest/plugtest/libexec/plugtest" >"$TEST_WORK_DIR/direct.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/direct.out"; fail "libexec/plugtest failed in the chroot"; }
expect_plugins_output "$TEST_WORK_DIR/direct.out"

in_chroot "$root" /usr/bin/env -i "$dest/plugtree/bin/plugtree" start >"$TEST_WORK_DIR/two.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/two.out"; fail "bin/plugtree start failed in the chroot"; }
cat "$TEST_WORK_DIR/two.out"
expect_plugins_output "$TEST_WORK_DIR/two.out"

# A broken libsqlite3.so.0 first on LD_LIBRARY_PATH: the plugins' closure is
# found through the program's DT_RPATH, before it.
mkdir -p "$root/tmp/plugins-bad"
printf 'not a library\n' >"$root/tmp/plugins-bad/libsqlite3.so.0"
for prog in plugtest/bin/plugtest plugtree/bin/plugtree; do
  in_chroot "$root" /usr/bin/env -i LD_LIBRARY_PATH=/tmp/plugins-bad "$dest/$prog" start \
    >"$TEST_WORK_DIR/ldpath.out" 2>&1 || { cat "$TEST_WORK_DIR/ldpath.out"; fail "$prog with LD_LIBRARY_PATH failed"; }
  expect_plugins_output "$TEST_WORK_DIR/ldpath.out"
done
rm -rf "$root/tmp/plugins-bad"

mv "$root$dest/plugtree/lib/plugtree/plugins" "$root$dest/plugins-away"
rc=0
in_chroot "$root" /usr/bin/env -i "$dest/plugtree/bin/plugtree" start >"$TEST_WORK_DIR/none.out" 2>&1 || rc=$?
if [ "$rc" != 1 ] || ! grep -qx 'loaded 0 plugins' "$TEST_WORK_DIR/none.out"; then
  cat "$TEST_WORK_DIR/none.out"
  fail "plugtree without its plugin directory: status $rc, expected 1 and 'loaded 0 plugins'"
fi
echo "plugins.chroot: both layouts load both plugins without SQLite on the system"
