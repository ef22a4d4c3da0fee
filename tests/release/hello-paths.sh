# Test 2: the release is relocatable and leaks nothing of the build machine.
# - readelf -d on every ELF file of the whole release tree: no DT_RPATH, only
#   $ORIGIN-relative RUNPATH entries inside the release, by the layout policy;
# - no file of the release (binary ones too) contains the absolute path of
#   the build tree, the source tree or this repository;
# - the build tree's own hello is untouched by the release steps (same bytes,
#   inode, mtime and dynamic section before and after).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd readelf binutils
need_hello_fixture

n=$(check_runpaths "$HELLO_RELEASE")
echo "checked the RUNPATH of $n ELF files"
# hello + libsqlite3 + libcrypto at least (libstdc++/libgcc_s with g++).
[ "$n" -ge 3 ] || fail "only $n ELF files in the release"
# The program needs bundled libraries, so it must have its DT_RPATH.
readelf -d "$HELLO_RELEASE/libexec/hello" | grep -q 'Library rpath: \[\$ORIGIN/\.\./lib\]' \
  || fail "libexec/hello has no DT_RPATH \$ORIGIN/../lib"

# Paths of the build machine, as given and with symbolic links resolved.
set -- "$HELLO_BUILD" "$CMAKE_RELEASE_SOURCE_DIR" "$CMAKE_RELEASE_DIR" "$TEST_SHARED_DIR"
for p in "$HELLO_BUILD" "$CMAKE_RELEASE_SOURCE_DIR"; do
  set -- "$@" "$(cd "$p" && pwd -P)"
done
check_no_path_in "$HELLO_RELEASE" "$@"
# Sanity of the check itself: the build tree's own files do name it.
grep -rqF -- "$HELLO_BUILD" "$HELLO_BUILD/_release/hello/steps/resolve.cmake" \
  || fail "the path check is blind: the resolve step's call does not contain $HELLO_BUILD"

# The build tree's program is left as the linker made it.
bld="$TEST_WORK_DIR/build"
rm -rf "$bld"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/hello" "$bld" hello \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
before=$(stat -c '%i %Y.%y %s' "$bld/hello"; sha256sum <"$bld/hello"; readelf -d -W "$bld/hello")
"$CMAKE_COMMAND" --build "$bld" --target release >"$bld.release.log" 2>&1 \
  || { cat "$bld.release.log"; fail "the release target failed"; }
grep -q 'Release hello: staging and patching' "$bld.release.log" || fail "the release was not staged"
after=$(stat -c '%i %Y.%y %s' "$bld/hello"; sha256sum <"$bld/hello"; readelf -d -W "$bld/hello")
[ "$before" = "$after" ] || fail "the release steps changed the build tree's hello:
before: $before
after:  $after"
if readelf -d "$bld/hello" | grep -q 'ORIGIN'; then
  fail "the build tree's hello has an \$ORIGIN RUNPATH"
fi
if cmp -s "$bld/hello" "$bld/release/hello/libexec/hello"; then
  fail "the release's program is the build tree's file, unpatched"
fi
