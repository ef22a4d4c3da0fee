# Two builds of one tree at once (after a change to the program): both
# succeed, or one waits for the other; the release is whole and new.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"

bld="$TEST_WORK_DIR/build"
rel="$bld/release/app"
src="$TEST_WORK_DIR/src"
rm -rf "$src"
cp -R "$APP_SRC" "$src"
rm -rf "$bld"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
for round in 1 2 3; do
  sed -i "s|^// round .*||" "$src/greet.cpp"
  echo "// round $round" >>"$src/greet.cpp"
  # The programs first: two compilers writing one object file is the build
  # tool's business; the release steps are ours.
  "$CMAKE_COMMAND" --build "$bld" --target app >"$TEST_WORK_DIR/programs.log" 2>&1 \
    || { cat "$TEST_WORK_DIR/programs.log"; fail "building the program failed"; }
  "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/a.$round.log" 2>&1 &
  a=$!
  "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/b.$round.log" 2>&1 &
  b=$!
  wait "$a" || { cat "$TEST_WORK_DIR/a.$round.log"; fail "round $round: the first of two concurrent builds failed"; }
  wait "$b" || { cat "$TEST_WORK_DIR/b.$round.log"; fail "round $round: the second of two concurrent builds failed"; }
  cmp -s "$bld/_release/app/stage/lib/libgreet.so" "$rel/lib/libgreet.so" \
    || fail "round $round: the release does not hold the newly staged library"
  release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "round $round: the release does not run"
  leftovers=$(find "$bld/release" -mindepth 1 -maxdepth 1 ! -name app)
  [ -z "$leftovers" ] || fail "round $round: left $leftovers"
done
echo "3 rounds of two concurrent builds: all succeeded"
