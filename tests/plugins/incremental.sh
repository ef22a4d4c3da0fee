# plugins.incremental (Ninja), on a copy of the fixture project:
# - with plugins, a second --target release does no work (Ninja runs only the
#   inputs checks) and no file of the releases or their work directories
#   changes (inode, mtime, size); the same after re-running the configure step
#   (the plugins' configuration files are not rewritten);
# - editing the sum plugin's source relinks it and re-stages only it: every
#   other staged file keeps its inode and mtime, the releases link the new
#   plugin, and both still run; then nothing again.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/plugins-lib.sh"
need_cmd ninja ninja-build

src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
rm -rf "$src" "$bld"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/project" "$src"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
# The closure's inputs include the directory of the project's libraries (the
# build DT_RUNPATH of what links them is searched), which the first build
# fills after one release may have been resolved: one more build settles it.
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/settle.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/settle.log"; fail "the second --target release failed"; }

# The releases whole; of the work directories the files (CMake's
# file(GENERATE) makes and removes temporary files there when it checks the
# step configurations at configure time, which changes the directories' times).
snap() {
  for d in release/plugtest release/plugtree; do
    snapshot "$bld/$d" | sed "s|^|$d |"
  done
  for d in _release/plugtest _release/plugtree; do
    snapshot "$bld/$d" | grep -v '^[^ ]* d ' | sed "s|^|$d |"
  done
}
snap >"$TEST_WORK_DIR/snap1.txt"
[ "$(wc -l <"$TEST_WORK_DIR/snap1.txt")" -ge 40 ] || fail "the snapshot is too small to mean anything"
"$CMAKE_COMMAND" --build "$bld" --target release -- -d explain >"$TEST_WORK_DIR/noop.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop.log"; fail "the no-op --target release failed"; }
ninja_ran_nothing "$TEST_WORK_DIR/noop.log"
snap >"$TEST_WORK_DIR/snap2.txt"
same_or_fail "$TEST_WORK_DIR/snap1.txt" "$TEST_WORK_DIR/snap2.txt" "a no-op build with plugins changed files"

"$CMAKE_COMMAND" "$bld" >"$TEST_WORK_DIR/reconfigure.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/reconfigure.log"; fail "re-running cmake failed"; }
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop2.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop2.log"; fail "--target release after reconfiguring failed"; }
ninja_ran_nothing "$TEST_WORK_DIR/noop2.log"
snap >"$TEST_WORK_DIR/snap3.txt"
same_or_fail "$TEST_WORK_DIR/snap1.txt" "$TEST_WORK_DIR/snap3.txt" "reconfiguring changed files"

# Edit one plugin.
staged() {
  for r in plugtest plugtree; do
    (cd "$bld/_release/$r/stage" && find . -type f -printf "$r %p %i %T@\n")
  done | LC_ALL=C sort
}
staged >"$TEST_WORK_DIR/staged1.txt"
sleep 1
printf '\n// edited by plugins.incremental\nextern "C" int plugtest_edited() { return 1; }\n' >>"$src/sum.cpp"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/edit.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/edit.log"; fail "--target release after editing sum.cpp failed"; }
grep -q 'Linking CXX shared module lib/libplugtest-sum.so' "$TEST_WORK_DIR/edit.log" \
  || { cat "$TEST_WORK_DIR/edit.log"; fail "the sum plugin was not relinked"; }
for r in plugtest plugtree; do
  grep -q "Release $r: staging" "$TEST_WORK_DIR/edit.log" || fail "$r was not re-staged"
  grep -q "Release $r: assembling" "$TEST_WORK_DIR/edit.log" || fail "$r was not re-assembled"
done
staged >"$TEST_WORK_DIR/staged2.txt"
grep -v 'libplugtest-sum\.so ' "$TEST_WORK_DIR/staged1.txt" >"$TEST_WORK_DIR/others1.txt"
grep -v 'libplugtest-sum\.so ' "$TEST_WORK_DIR/staged2.txt" >"$TEST_WORK_DIR/others2.txt"
[ "$(wc -l <"$TEST_WORK_DIR/others1.txt")" -ge 8 ] || fail "too few other staged files to compare"
same_or_fail "$TEST_WORK_DIR/others1.txt" "$TEST_WORK_DIR/others2.txt" "editing one plugin re-staged other files"
[ "$(grep -c 'libplugtest-sum\.so ' "$TEST_WORK_DIR/staged2.txt")" = 2 ] || fail "the sum plugin is not staged twice"
if grep 'libplugtest-sum\.so ' "$TEST_WORK_DIR/staged2.txt" | grep -qxF -f "$TEST_WORK_DIR/staged1.txt"; then
  fail "a staged sum plugin is the old file"
fi
nm -D "$bld/release/plugtest/libexec/libplugtest-sum.so" | grep -q plugtest_edited \
  || fail "plugtest holds the old sum plugin"
nm -D "$bld/release/plugtree/lib/plugtree/plugins/libplugtest-sum.so" | grep -q plugtest_edited \
  || fail "plugtree holds the old sum plugin"
"$bld/release/plugtest/bin/plugtest" start >"$TEST_WORK_DIR/one.out" 2>&1 || { cat "$TEST_WORK_DIR/one.out"; fail "plugtest does not run"; }
expect_plugins_output "$TEST_WORK_DIR/one.out"
"$bld/release/plugtree/bin/plugtree" start >"$TEST_WORK_DIR/two.out" 2>&1 || { cat "$TEST_WORK_DIR/two.out"; fail "plugtree does not run"; }
expect_plugins_output "$TEST_WORK_DIR/two.out"

"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop3.log" 2>&1 || fail "the last no-op build failed"
ninja_ran_nothing "$TEST_WORK_DIR/noop3.log"
echo "plugins.incremental: no-op, reconfigure and one-plugin edit checked"
