# The cross configure presets of CMakePresets.json: the aarch64 one builds the
# examples' releases for arm64 from this tree.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
triple=aarch64-linux-gnu
need_cross "$triple"
need_qemu "$triple"
[ -e /usr/lib/$triple/libsqlite3.so ] || skip "libsqlite3-dev:arm64 is not installed"
# A copy of the presets file, so the build tree lands under the test's folder;
# the modules, templates, toolchains and native sources are those of the
# cmake-release in use (the installed copy, when the suite runs against one).
src="$TEST_WORK_DIR/src"
rm -rf "$src"
mkdir -p "$src"
for f in CMakeLists.txt CMakePresets.json examples tests; do
  ln -s "$CMAKE_RELEASE_SOURCE_DIR/$f" "$src/$f"
done
for f in cmake loader launcher templates toolchains; do
  ln -s "$CMAKE_RELEASE_DIR/$f" "$src/$f"
done
cd "$src"
"$CMAKE_COMMAND" --preset "$triple" -DCMAKE_RELEASE_EXAMPLES="hello;greeter" >configure.log 2>&1 \
  || { cat configure.log; fail "cmake --preset $triple failed"; }
"$CMAKE_COMMAND" --build --preset "$triple" >build.log 2>&1 || { cat build.log; fail "build failed"; }
for name in hello greeter; do
  check_machine "$src/build/$triple/release/$name" "$triple"
done
out=$(QEMU_LD_PREFIX=$(qemu_prefix "$triple") "$src/build/$triple/release/greeter/bin/greeter" start preset)
[ "$out" = "hello, preset" ] || fail "unexpected output: $out"
