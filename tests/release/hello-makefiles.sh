# Test 6: the Unix Makefiles generator. A fresh `--target release` builds and
# assembles the hello example, which runs; a second one runs none of the
# release steps and changes no file of the release or its work directory;
# touching hello.cpp re-stages the program and leaves the staged libraries.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
need_cmd make make

src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
rel="$bld/release/hello"
work="$bld/_release/hello"
copy_hello_source "$src"
rm -rf "$bld"
CMAKE_GENERATOR="Unix Makefiles" configure_and_build "$src" "$bld" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
[ -f "$bld/Makefile" ] || fail "the build tree has no Makefile"
[ ! -f "$bld/build.ninja" ] || fail "the build tree was made by Ninja"
grep -q 'Linking CXX executable hello' "$bld.build.log" || fail "the release target did not build hello"
grep -q 'Release hello: assembling' "$bld.build.log" || fail "the release was not assembled"
"$rel/bin/hello" start >"$TEST_WORK_DIR/run.out" 2>&1 || { cat "$TEST_WORK_DIR/run.out"; fail "the release does not run"; }
expect_hello_output "$TEST_WORK_DIR/run.out"
n=$(check_runpaths "$rel")
echo "checked the RUNPATH of $n ELF files"

snapshot "$rel" >"$TEST_WORK_DIR/rel1.txt"
snapshot "$work" >"$TEST_WORK_DIR/work1.txt"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop.log"; fail "the second --target release failed"; }
# (The inputs check runs on every build: it is how a library replaced with
# its old mtime is noticed.)
if grep -E 'Release hello:|Linking|Building' "$TEST_WORK_DIR/noop.log" | grep -qv "checking the closure's inputs"; then
  cat "$TEST_WORK_DIR/noop.log"
  fail "the second --target release did work"
fi
snapshot "$rel" >"$TEST_WORK_DIR/rel2.txt"
snapshot "$work" >"$TEST_WORK_DIR/work2.txt"
same_or_fail "$TEST_WORK_DIR/rel1.txt" "$TEST_WORK_DIR/rel2.txt" "a no-op --target release changed the release"
same_or_fail "$TEST_WORK_DIR/work1.txt" "$TEST_WORK_DIR/work2.txt" "a no-op --target release changed its work directory"

stage_libs1=$(cd "$work/stage/lib" && stat -c '%n %i %y' ./* | LC_ALL=C sort)
sleep 1
touch "$src/hello.cpp"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/touch.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/touch.log"; fail "--target release after touching hello.cpp failed"; }
grep -q 'Release hello: staging' "$TEST_WORK_DIR/touch.log" || { cat "$TEST_WORK_DIR/touch.log"; fail "hello was not re-staged"; }
grep -q 'Release hello: assembling' "$TEST_WORK_DIR/touch.log" || fail "the release was not re-assembled"
stage_libs2=$(cd "$work/stage/lib" && stat -c '%n %i %y' ./* | LC_ALL=C sort)
[ "$stage_libs1" = "$stage_libs2" ] || fail "bundled libraries were staged again"
cmp -s "$work/stage/libexec/hello" "$rel/libexec/hello" || fail "the release does not hold the re-staged program"
"$rel/bin/hello" start >"$TEST_WORK_DIR/run2.out" 2>&1 || { cat "$TEST_WORK_DIR/run2.out"; fail "the re-assembled release does not run"; }
expect_hello_output "$TEST_WORK_DIR/run2.out"

snapshot "$rel" >"$TEST_WORK_DIR/rel3.txt"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop2.log" 2>&1 || fail "the last build failed"
if grep 'Release hello:' "$TEST_WORK_DIR/noop2.log" | grep -qv "checking the closure's inputs"; then
  cat "$TEST_WORK_DIR/noop2.log"
  fail "the build after the re-assembly ran release steps again"
fi
snapshot "$rel" >"$TEST_WORK_DIR/rel4.txt"
same_or_fail "$TEST_WORK_DIR/rel3.txt" "$TEST_WORK_DIR/rel4.txt" "a no-op build changed the re-assembled release"
