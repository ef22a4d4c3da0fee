# staging.dpkg-replace: a library and an IMPORTED program replaced the way
# dpkg upgrades a package - the new file written beside the old one, given
# the old file's mtime (touch -r), renamed over it - are picked up by the
# next `--target release`, without a reconfigure; the build after it does
# nothing but the inputs check.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/loader/loader-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/staging/staging-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"

w="$TEST_WORK_DIR"
o="$w/orig"
rm -rf "${w:?}"/*
mklib "$o/lib/libd.so" "d@1"
mkdir -p "$o/bin"
mkprog "$o/bin/prog" -L"$o/lib" -ld -Wl,--enable-new-dtags,-rpath,"$o/lib"
release_project "$w/src" "$(imported prog "$o/bin/prog")
add_release(app TARGETS prog)"
bld="$w/build"
rel="$bld/release/app"
"$CMAKE_COMMAND" -S "$w/src" -B "$bld" -G Ninja >"$w/configure.log" 2>&1 || { cat "$w/configure.log"; fail "configure failed"; }
build_release "$bld" "$w/build1.log" || { cat "$w/build1.log"; fail "the first build failed"; }
"$rel/libexec/prog" | grep -qx 'd@1' || fail "the first release does not load d@1"

# dpkg_replace <file> <new file>: rename <new file> over <file>, with the old mtime.
dpkg_replace() {
  touch -r "$1" "$2"
  mv -f "$2" "$1"
}
sleep 1
mklib "$w/new/libd.so" "d@2"
mv "$w/new/libd.so" "$o/lib/libd.so.dpkg-new"
old_mtime=$(stat -c %Y "$o/lib/libd.so")
dpkg_replace "$o/lib/libd.so" "$o/lib/libd.so.dpkg-new"
[ "$(stat -c %Y "$o/lib/libd.so")" = "$old_mtime" ] || fail "the replaced library did not keep the old mtime"
build_release "$bld" "$w/build2.log" || { cat "$w/build2.log"; fail "the build after the library upgrade failed"; }
cmp -s "$o/lib/libd.so" "$rel/lib/libd.so" || fail "the release still holds the old libd.so"
"$rel/libexec/prog" | grep -qx 'd@2' || fail "the release does not load the upgraded libd.so"
echo "library replaced with its old mtime: picked up"

# The IMPORTED program, the same way.
mkprog "$o/bin/prog.dpkg-new" -L"$o/lib" -ld -Wl,--enable-new-dtags,-rpath,"$o/lib" -s
cmp -s "$o/bin/prog" "$o/bin/prog.dpkg-new" && fail "the new program is the old one: the test proves nothing"
dpkg_replace "$o/bin/prog" "$o/bin/prog.dpkg-new"
build_release "$bld" "$w/build3.log" || { cat "$w/build3.log"; fail "the build after the program upgrade failed"; }
grep -q 'staging' "$w/build3.log" || { cat "$w/build3.log"; fail "the upgraded program was not staged"; }
if ! { "$CMAKE_COMMAND" -S "$w/src" -B "$w/clean" -G Ninja >"$w/clean.log" 2>&1 \
        && build_release "$w/clean" "$w/clean.log"; }; then
  cat "$w/clean.log"
  fail "the build from clean failed"
fi
cmp -s "$w/clean/release/app/libexec/prog" "$rel/libexec/prog" || fail "the release holds the old program"
echo "program replaced with its old mtime: picked up"

build_release "$bld" "$w/noop.log" || fail "the no-op build failed"
ninja_ran_nothing "$w/noop.log"
