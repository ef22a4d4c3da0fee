# Test 5: a failed re-assembly leaves the previous release complete and
# runnable, with no half-made .hello.new/.hello.old beside it; fixing the
# cause assembles again. Two failures: an overlay that would replace the
# control script (the swap step refuses), and a file given in LIBRARIES that
# vanished after configuring.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"

src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
out="$bld/release"
rel="$out/hello"
copy_hello_source "$src"
# A plugin-like extra library given by path: a copy of zlib, part of every
# Debian system.
# (one for this machine: other architectures' copies may be installed too).
machine=$(readelf -h "$(command -v sh)" | sed -n 's/^ *Machine: *//p')
find /lib /usr/lib -name 'libz.so.1' 2>/dev/null >"$TEST_WORK_DIR/zlibs.txt" || true
zlib=
while IFS= read -r candidate; do
  if [ "$(readelf -h "$candidate" | sed -n 's/^ *Machine: *//p')" = "$machine" ]; then
    zlib=$candidate
    break
  fi
done <"$TEST_WORK_DIR/zlibs.txt"
[ -n "$zlib" ] || skip "no libz.so.1 on this machine (Debian package zlib1g)"
mkdir -p "$src/extra"
cp "$zlib" "$src/extra/libz.so.1"
sed -i 's|^add_release(hello TARGETS hello)$|add_release(hello TARGETS hello LIBRARIES extra/libz.so.1)|' "$src/CMakeLists.txt"
grep -q 'LIBRARIES extra/libz.so.1' "$src/CMakeLists.txt" || fail "could not add LIBRARIES to the copy of the example"
rm -rf "$bld"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
[ -f "$rel/lib/libz.so.1" ] || fail "the LIBRARIES file is not in the release"

# content <dir>: what a release holds, file by file (path, type, checksum).
content() {
  (cd "$1" && find . \( -type f -exec sha256sum {} + \) -o \( ! -type f -printf '%y %p\n' \) | LC_ALL=C sort)
}
content "$rel" >"$TEST_WORK_DIR/good.txt"

# expect_intact <what>: the previous release is still there, whole, and runs.
expect_intact() {
  content "$rel" >"$TEST_WORK_DIR/now.txt"
  same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "$1 changed the previous release"
  "$rel/bin/hello" start >"$TEST_WORK_DIR/run.out" 2>&1 \
    || { cat "$TEST_WORK_DIR/run.out"; fail "after $1 the previous release does not run"; }
  expect_hello_output "$TEST_WORK_DIR/run.out"
  leftovers=$(find "$out" -mindepth 1 -maxdepth 1 ! -name hello)
  [ -z "$leftovers" ] || fail "after $1 the output directory holds more than the release: $leftovers"
}

# 1. An overlay that would replace bin/hello, and a change to the program so
#    that there is something new to assemble.
mkdir -p "$src/rel/overlays/bin"
echo 'echo not the control script' >"$src/rel/overlays/bin/hello"
echo '// changed' >>"$src/hello.cpp"
"$CMAKE_COMMAND" "$bld" >"$TEST_WORK_DIR/overlay.configure.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/overlay.configure.log"; fail "configuring with the overlay failed"; }
if "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/overlay.log" 2>&1; then
  cat "$TEST_WORK_DIR/overlay.log"
  fail "an overlay replacing bin/hello did not fail the build"
fi
log_says "$TEST_WORK_DIR/overlay.log" \
  "add_release\(hello\): the overlay file '[^']*/rel/overlays/bin/hello' would replace 'bin/hello'"
expect_intact "the failed assembly (overlay)"

# Fixed: the overlay file goes; the release is assembled with the new program.
rm "$src/rel/overlays/bin/hello"
echo 'overlay text' >"$src/rel/overlays/NOTES.txt"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/fixed1.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/fixed1.log"; fail "the build failed after removing the overlay file"; }
[ "$(cat "$rel/NOTES.txt")" = "overlay text" ] || fail "the overlay did not land at the release root"
grep -q '^#!/bin/sh' "$rel/bin/hello" || fail "bin/hello is not the control script"
content "$rel" >"$TEST_WORK_DIR/good.txt"
if cmp -s "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt"; then
  fail "the release did not change after the fix"
fi
expect_intact "the fixed assembly"

# 2. The LIBRARIES file vanishes, and the program changes again.
mv "$src/extra/libz.so.1" "$src/extra/libz.so.1.away"
echo '// changed again' >>"$src/hello.cpp"
if "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/vanished.log" 2>&1; then
  cat "$TEST_WORK_DIR/vanished.log"
  fail "a vanished LIBRARIES file did not fail the build"
fi
log_says "$TEST_WORK_DIR/vanished.log" \
  "add_release\(hello\): the library '[^']*/extra/libz\.so\.1' given in LIBRARIES does not exist"
expect_intact "the failed assembly (vanished library)"

# Fixed: the library is back.
mv "$src/extra/libz.so.1.away" "$src/extra/libz.so.1"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/fixed2.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/fixed2.log"; fail "the build failed after restoring the library"; }
grep -q 'Release hello: assembling' "$TEST_WORK_DIR/fixed2.log" || fail "the release was not assembled after the fix"
cmp -s "$bld/_release/hello/stage/libexec/hello" "$rel/libexec/hello" \
  || fail "the release does not hold the newly staged program"
content "$rel" >"$TEST_WORK_DIR/good.txt"
expect_intact "the second fixed assembly"
