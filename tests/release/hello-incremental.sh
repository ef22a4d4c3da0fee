# Test 4: incremental assembly (Ninja), in a build tree whose path has a space.
# - a second `--target release` with nothing changed does no work: Ninja says
#   so, and no file of the release or of its work directory changes (inode,
#   mtime, size); the same after re-running CMake's configure step;
# - touching hello.cpp re-assembles: the program is relinked and re-staged,
#   while the bundled libraries in the staging tree keep their inode and
#   mtime (not copied or patched again) and the new release links to them.
# Prints the time of a full `--target release` after the build, and of a no-op.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd ninja ninja-build

src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build tree"
copy_hello_source "$src"
rm -rf "$bld"
configure_and_build "$src" "$bld" hello "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
rel="$bld/release/hello"
work="$bld/_release/hello"

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

t0=$(now)
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/full.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/full.log"; fail "the first --target release failed"; }
t1=$(now)
grep -q 'Release hello: assembling' "$TEST_WORK_DIR/full.log" || fail "the release was not assembled"
"$rel/bin/hello" start >"$TEST_WORK_DIR/run1.out" 2>&1 || { cat "$TEST_WORK_DIR/run1.out"; fail "the release does not run"; }
expect_hello_output "$TEST_WORK_DIR/run1.out"

snapshot "$rel" >"$TEST_WORK_DIR/rel1.txt"
snapshot "$work" >"$TEST_WORK_DIR/work1.txt"
[ "$(wc -l <"$TEST_WORK_DIR/rel1.txt")" -ge 8 ] || fail "the snapshot of the release is too small to mean anything"

# No-op.
t2=$(now)
"$CMAKE_COMMAND" --build "$bld" --target release -- -d explain >"$TEST_WORK_DIR/noop.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop.log"; fail "the no-op --target release failed"; }
t3=$(now)
ninja_ran_nothing "$TEST_WORK_DIR/noop.log"
snapshot "$rel" >"$TEST_WORK_DIR/rel2.txt"
snapshot "$work" >"$TEST_WORK_DIR/work2.txt"
same_or_fail "$TEST_WORK_DIR/rel1.txt" "$TEST_WORK_DIR/rel2.txt" "a no-op --target release changed the release"
same_or_fail "$TEST_WORK_DIR/work1.txt" "$TEST_WORK_DIR/work2.txt" "a no-op --target release changed its work directory"
echo "full --target release after the build: $(ms "$t0" "$t1") ms; no-op: $(ms "$t2" "$t3") ms"

# Re-running the configure step alone changes nothing either.
"$CMAKE_COMMAND" "$bld" >"$TEST_WORK_DIR/reconfigure.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/reconfigure.log"; fail "re-running cmake failed"; }
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop2.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop2.log"; fail "--target release after reconfiguring failed"; }
if grep 'Release hello:' "$TEST_WORK_DIR/noop2.log" | grep -qv "checking the closure's inputs"; then
  cat "$TEST_WORK_DIR/noop2.log"
  fail "re-running cmake made the release steps run again"
fi
snapshot "$rel" >"$TEST_WORK_DIR/rel3.txt"
same_or_fail "$TEST_WORK_DIR/rel1.txt" "$TEST_WORK_DIR/rel3.txt" "reconfiguring changed the release"

# One source file changes.
stage_libs1=$(cd "$work/stage/lib" && stat -c '%n %i %Y.%y' ./* | LC_ALL=C sort)
[ -n "$stage_libs1" ] || fail "the staging tree has no libraries"
stage_prog1=$(stat -c '%i %y' "$work/stage/libexec/hello")
rel_libs1=$(cd "$rel/lib" && stat -c '%n %i' ./* | LC_ALL=C sort)
sleep 1
touch "$src/hello.cpp"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/touch.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/touch.log"; fail "--target release after touching hello.cpp failed"; }
cat "$TEST_WORK_DIR/touch.log"
grep -q 'Linking CXX executable hello' "$TEST_WORK_DIR/touch.log" || fail "hello was not relinked"
grep -q 'Release hello: staging' "$TEST_WORK_DIR/touch.log" || fail "hello was not re-staged"
grep -q 'Release hello: assembling' "$TEST_WORK_DIR/touch.log" || fail "the release was not re-assembled"
stage_prog2=$(stat -c '%i %y' "$work/stage/libexec/hello")
[ "$stage_prog1" != "$stage_prog2" ] || fail "the staged program is the old file"
stage_libs2=$(cd "$work/stage/lib" && stat -c '%n %i %Y.%y' ./* | LC_ALL=C sort)
[ "$stage_libs1" = "$stage_libs2" ] || fail "bundled libraries were staged again:
before: $stage_libs1
after:  $stage_libs2"
rel_libs2=$(cd "$rel/lib" && stat -c '%n %i' ./* | LC_ALL=C sort)
[ "$rel_libs1" = "$rel_libs2" ] || fail "the new release does not link the staged libraries"
# The release holds the new program, patched.
cmp -s "$work/stage/libexec/hello" "$rel/libexec/hello" || fail "the release holds another program than the staged one"
readelf -d "$rel/libexec/hello" | grep -q 'Library rpath: \[\$ORIGIN/\.\./lib\]' || fail "the re-staged program lost its DT_RPATH"
"$rel/bin/hello" start >"$TEST_WORK_DIR/run2.out" 2>&1 || { cat "$TEST_WORK_DIR/run2.out"; fail "the re-assembled release does not run"; }
expect_hello_output "$TEST_WORK_DIR/run2.out"
[ ! -e "$bld/release/.hello.new" ] && [ ! -e "$bld/release/.hello.old" ] || fail "assembly left .hello.new/.hello.old behind"

# And then nothing again.
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop3.log" 2>&1 || fail "the last no-op build failed"
ninja_ran_nothing "$TEST_WORK_DIR/noop3.log"
