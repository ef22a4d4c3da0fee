# Builds tests/control/fixture with the real add_release() into the shared
# directory the other control tests copy the release from.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

# CTL_LAUNCHER=native builds it with LAUNCHER native, into its own directory.

launcher=${CTL_LAUNCHER:-sh}
src=$CMAKE_RELEASE_SOURCE_DIR/tests/control/fixture
bld=$TEST_SHARED_DIR/control-fixture
[ "$launcher" = sh ] || bld=$bld-$launcher
rm -rf "$bld"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
  "-DCTL_LAUNCHER=$launcher"

rel=$bld/release/ctl
for f in bin/ctl bin/migrate bin/prog libexec/prog libexec/migrate releases/1.2.3/env.sh \
  lib/libfixturemsg.so; do
  [ -e "$rel/$f" ] || fail "the assembled release lacks $f"
done
[ -x "$rel/bin/ctl" ] || fail "bin/ctl is not executable"
[ -x "$bld/release/ctltask/bin/ctltask" ] || fail "the release ctltask lacks bin/ctltask"
if [ "$launcher" = native ]; then
  # A static ELF program of the target, with no build-machine path in it.
  magic=$(od -An -c -N4 "$rel/bin/ctl" | tr -d ' ')
  [ "$magic" = '177ELF' ] || fail "bin/ctl is not an ELF program ($magic)"
  readelf -l "$rel/bin/ctl" | grep -q 'INTERP' && fail "bin/ctl is not static"
  if grep -a -F -l -e "$bld" -e "$CMAKE_RELEASE_SOURCE_DIR" -e "$CMAKE_RELEASE_DIR" "$rel/bin/ctl"; then
    fail "bin/ctl holds a path of the build machine"
  fi
  cmp -s "$rel/bin/ctl" "$rel/bin/prog" || fail "bin/prog is not the launcher"
else
  for f in ctl prog migrate; do
    if grep -n '@[A-Za-z_][A-Za-z0-9_]*@' "$rel/bin/$f"; then
      fail "bin/$f still holds unfilled @VARIABLE@ references"
    fi
  done
  [ -x "$rel/libexec/.cmake-release/launcher" ] || fail "the sh release lacks its launcher for probe"
fi
echo "fixture release at $rel ($launcher launcher)"
