# No path of the build machine in any file of a release, text or binary, for
# the Release, RelWithDebInfo and Debug build types without STRIP: the app's
# program, its shared and static libraries of the project (DWARF, and a
# __FILE__ string) carry neither the source nor the build directory.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"

for type in Release RelWithDebInfo Debug; do
  src="$TEST_WORK_DIR/src-$type"
  bld="$TEST_WORK_DIR/build-$type"
  rm -rf "$src" "$bld"
  cp -R "$APP_SRC" "$src"
  "$CMAKE_COMMAND" -S "$src" -B "$bld" -G Ninja "-DCMAKE_BUILD_TYPE=$type" \
    "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" >"$bld.configure.log" 2>&1 \
    || { cat "$bld.configure.log"; fail "configure ($type) failed"; }
  "$CMAKE_COMMAND" --build "$bld" --target release >"$bld.build.log" 2>&1 \
    || { cat "$bld.build.log"; fail "build ($type) failed"; }
  rel="$bld/release/app"
  # The test proves something only if the build wrote what could hold paths.
  if [ "$type" != Release ]; then
    readelf -S -W "$rel/libexec/app" | grep -q '\.debug_info' || fail "$type: the program has no debug info"
    readelf -S -W "$rel/lib/libgreet.so" | grep -q '\.debug_info' || fail "$type: libgreet has no debug info"
  fi
  grep -aq 'greet\.cpp' "$rel/lib/libgreet.so" || fail "$type: __FILE__ of greet.cpp is not in libgreet"
  # A build without the maps: the same files hold the paths (so the search finds them).
  if [ "$type" = Debug ]; then
    grep -rlF -- "$src" "$bld/libgreet.so" >/dev/null 2>&1 && fail "the build tree's own libgreet holds the source path: the maps were not applied"
    g++ -g -c -o "$TEST_WORK_DIR/unmapped.o" "$src/greet.cpp"
    grep -aqF -- "$src" "$TEST_WORK_DIR/unmapped.o" || fail "an unmapped debug object holds no source path: the search proves nothing"
  fi
  check_no_path_in "$rel" "$src" "$bld" "$CMAKE_RELEASE_SOURCE_DIR" "$CMAKE_RELEASE_DIR" "$TEST_WORK_DIR"
  release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "$type: the release does not run"
  grep -q '^hello, world from src/greet\.cpp$' "$TEST_WORK_DIR/run.out" \
    || { cat "$TEST_WORK_DIR/run.out"; fail "$type: __FILE__ is not the mapped src/greet.cpp"; }
  echo "$type: no build path in $(find "$rel" -type f | wc -l) files"
done
