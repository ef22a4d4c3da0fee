# Test 3: the hello release, copied to a path with a space in a minimal Debian
# rootfs (mmdebstrap --variant=minbase) that has neither SQLite nor OpenSSL,
# starts through its control script and prints its output.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd unshare util-linux
need_cmd chroot coreutils
need_hello_fixture
root=$(minbase_rootfs)

# The point of the test: the rootfs lacks the libraries hello links (the
# releases other tests copy into /opt/release tests aside).
found=$(find "$root" -xdev -path "$root/opt/release tests" -prune -o \( -name 'libsqlite3.so*' -o -name 'libssl.so*' -o -name 'libcrypto.so*' \) -print)
[ -z "$found" ] || fail "the minbase rootfs has libraries the release must bring itself: $found"
[ -x "$root/bin/sh" ] || fail "the rootfs at $root has no /bin/sh"

dest="/opt/release tests/hello 1"
rm -rf "$root$dest"
mkdir -p "$root$dest"
cp -a "$HELLO_RELEASE/." "$root$dest/"

in_chroot "$root" "$dest/bin/hello" version >"$TEST_WORK_DIR/version.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/version.out"; fail "bin/hello version failed in the chroot"; }
[ "$(cat "$TEST_WORK_DIR/version.out")" = "hello 1.0.0" ] \
  || fail "bin/hello version printed '$(cat "$TEST_WORK_DIR/version.out")'"

in_chroot "$root" "$dest/bin/hello" start >"$TEST_WORK_DIR/start.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/start.out"; fail "bin/hello start failed in the chroot"; }
cat "$TEST_WORK_DIR/start.out"
expect_hello_output "$TEST_WORK_DIR/start.out"

# Arguments reach the program unchanged, spaces included; an empty
# environment is enough.
in_chroot "$root" /usr/bin/env -i "$dest/bin/hello" start "big world" >"$TEST_WORK_DIR/args.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/args.out"; fail "bin/hello start 'big world' failed in the chroot"; }
expect_hello_output "$TEST_WORK_DIR/args.out" "big world"

# Reached through a symbolic link elsewhere in the rootfs, too.
ln -sfn "$dest/bin/hello" "$root/usr/local/bin/hello"
in_chroot "$root" /usr/local/bin/hello start >"$TEST_WORK_DIR/link.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/link.out"; fail "hello through a symbolic link failed in the chroot"; }
expect_hello_output "$TEST_WORK_DIR/link.out"
rm -f "$root/usr/local/bin/hello"
rm -rf "$root$dest"
