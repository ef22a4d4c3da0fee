# Builds tests/control/fixture with the real add_release() into the shared
# directory the other control tests copy the release from.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

src=$CMAKE_RELEASE_SOURCE_DIR/tests/control/fixture
bld=$TEST_SHARED_DIR/control-fixture
rm -rf "$bld"
configure_and_build "$src" "$bld" release-ctl "-DCMAKE_RELEASE_SOURCE_DIR=$CMAKE_RELEASE_SOURCE_DIR"

rel=$bld/release/ctl
for f in bin/ctl libexec/prog libexec/migrate releases/1.2.3/env.sh lib/libfixturemsg.so; do
  [ -e "$rel/$f" ] || fail "the assembled release lacks $f"
done
[ -x "$rel/bin/ctl" ] || fail "bin/ctl is not executable"
if grep -n '@[A-Za-z_][A-Za-z0-9_]*@' "$rel/bin/ctl"; then
  fail "bin/ctl still holds unfilled @VARIABLE@ references"
fi
echo "fixture release at $rel"
