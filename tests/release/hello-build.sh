# Fixture release_hello, and test 1: on a fresh build tree, the single command
# `cmake --build <bld> --target release` builds the executable and assembles
# the release, which runs and prints its output. Later tests reuse the tree.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd patchelf patchelf

rm -rf "$HELLO_SHARED"
mkdir -p "$HELLO_SHARED"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/hello" "$HELLO_BUILD" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
log="$HELLO_BUILD.build.log"

# The one build compiled and linked the program, then ran every step.
grep -q 'Linking CXX executable hello' "$log" || { cat "$log"; fail "the release target did not build the hello executable"; }
for step in 'staging and patching programs and libraries (the closure resolved first)' \
            'rendering the control script' 'verifying every ELF file' 'assembling'; do
  grep -q "Release hello: $step" "$log" || { cat "$log"; fail "step '$step' did not run"; }
done
[ -x "$HELLO_BUILD/hello" ] || fail "the build tree has no hello executable"

# The layout of docs/release-layout.md.
for f in bin/hello libexec/hello releases/1.0.0/env.sh releases/1.0.0/manifest.txt \
         lib/libsqlite3.so.0 lib/libcrypto.so.3; do
  [ -f "$HELLO_RELEASE/$f" ] || fail "the release lacks $f"
  [ ! -L "$HELLO_RELEASE/$f" ] || fail "$f is a symbolic link, not a real file"
done
[ -x "$HELLO_RELEASE/bin/hello" ] || fail "bin/hello is not executable"
[ -x "$HELLO_RELEASE/libexec/hello" ] || fail "libexec/hello is not executable"
# Nothing of the glibc family is bundled.
for f in "$HELLO_RELEASE"/lib/*; do
  case ${f##*/} in
    libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|ld-linux*) fail "the release bundles part of glibc: $f" ;;
  esac
done
# The manifest lists exactly what lib/ holds.
libs=$(ls "$HELLO_RELEASE/lib" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
manifest_libs=$(sed -n 's/^libraries=//p' "$HELLO_RELEASE/releases/1.0.0/manifest.txt" | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[ "$libs" = "$manifest_libs" ] || fail "lib/ holds '$libs' but the manifest says '$manifest_libs'"
echo "bundled libraries: $(ls "$HELLO_RELEASE/lib" | wc -l) ($libs)"

# It runs, through the control script and directly.
"$HELLO_RELEASE/bin/hello" start >"$TEST_WORK_DIR/start.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/start.out"; fail "bin/hello start failed"; }
expect_hello_output "$TEST_WORK_DIR/start.out"
env -i "$HELLO_RELEASE/libexec/hello" there >"$TEST_WORK_DIR/direct.out" 2>&1 \
  || { cat "$TEST_WORK_DIR/direct.out"; fail "libexec/hello failed"; }
expect_hello_output "$TEST_WORK_DIR/direct.out" there
[ "$("$HELLO_RELEASE/bin/hello" version)" = "hello 1.0.0" ] || fail "bin/hello version does not say 'hello 1.0.0'"

touch "$HELLO_SHARED/fixture.ok"
