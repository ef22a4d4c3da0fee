# The greeter example (a program, the project's own shared library, a
# dlopen()ed plugin, the C++ runtime) cross-built for $TRIPLE: every ELF file
# of the release is built for the target, and the release runs under qemu
# with the target's loader.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
: "${TRIPLE:?}"
need_cross "$TRIPLE"
need_qemu "$TRIPLE"
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/greeter" "$bld" release \
  "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$TRIPLE.cmake"
rel="$bld/release/greeter"
check_machine "$rel" "$TRIPLE"
for lib in libgreet.so.0 libshout.so libstdc++.so.6 libgcc_s.so.1; do
  [ -f "$rel/lib/$lib" ] || fail "$lib is not bundled"
done
# The build tree is gone: only the release's own copies can be loaded.
rm -rf "$bld/CMakeFiles" "$bld"/libgreet* "$bld"/libshout*
QEMU_LD_PREFIX=$(qemu_prefix "$TRIPLE")
export QEMU_LD_PREFIX
out=$("$rel/bin/greeter" start --shout "cross world")
[ "$out" = "HELLO, CROSS WORLD!" ] || fail "unexpected output: $out"
out=$("$rel/bin/greeter" eval greeter "$TRIPLE")
[ "$out" = "hello, $TRIPLE" ] || fail "unexpected output: $out"
grep -q "^machine=$(machine_of "$TRIPLE")\$" "$rel/releases/0.3.0/manifest.txt" \
  || fail "the manifest does not record the target machine"
echo "greeter for $TRIPLE runs under qemu"
