# Verify proves the staged release: a stage with a program or a library
# removed, and one with files cut short (as a full disk leaves a copy or a
# patchelf), fail before the swap with a message naming the release, the
# files and the fix; the previous release stays as it was; the next build
# stages the files anew and the release is whole again.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"

bld="$TEST_WORK_DIR/build"
rel="$bld/release/app"
app_build "$bld"
work=$(app_work "$bld")
release_content "$rel" >"$TEST_WORK_DIR/good.txt"

# expect_old <what>: the release is the previous one, whole, and it runs.
expect_old() {
  release_content "$rel" >"$TEST_WORK_DIR/now.txt"
  same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "$1 changed the release in place"
  release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "after $1 the release does not run"
}

# 1. Files removed from the stage; the verify step runs again (its stamp gone,
#    as after an interrupted build).
rm "$work/stage/libexec/app" "$work/stage/lib/libgreet.so"
rm "$work/verify.stamp"
build_fails "$bld" "$TEST_WORK_DIR/removed.log" "a stage with files removed"
log_says "$TEST_WORK_DIR/removed.log" \
  "add_release\(app\): the staged release is incomplete or damaged \(the previous release, if any, stays in place\): libexec/app: missing \(staged from [^)]*/app\) lib/libgreet\.so: missing \(staged from [^)]*/libgreet\.so\) Fix: build again \(cmake --build <build-dir> --target release-app\): the files above were removed from the stage and will be staged anew\."
expect_old "a stage with files removed"
build_ok "$bld" "$TEST_WORK_DIR/removed-fixed.log" "after files were removed from the stage"
release_content "$rel" >"$TEST_WORK_DIR/now.txt"
same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "the repaired release differs from the first one"

# 2. Files cut short: the ELF header still parses, the end is gone. The stage
#    writes a new file (a new inode: the release's hard link to the old one is
#    not touched) and a full disk stops it part way; so does this.
for f in libexec/app lib/libstdc++.so.6; do
  size=$(stat -c %s "$work/stage/$f")
  head -c $((size * 2 / 3)) "$work/stage/$f" >"$work/stage/$f.cut"
  chmod --reference="$work/stage/$f" "$work/stage/$f.cut"
  mv "$work/stage/$f.cut" "$work/stage/$f"
done
readelf -h "$work/stage/libexec/app" >/dev/null 2>&1 || fail "the cut program no longer has an ELF header: the test proves nothing"
rm "$work/verify.stamp"
build_fails "$bld" "$TEST_WORK_DIR/cut.log" "a stage with files cut short"
log_says "$TEST_WORK_DIR/cut.log" \
  "lib/libstdc\+\+\.so\.6: cut short, [0-9]+ of [0-9]+ bytes \(staged from [^)]*\) libexec/app: cut short, [0-9]+ of [0-9]+ bytes \(staged from [^)]*/app\) Fix: build again"
if grep -q 'please report' "$TEST_WORK_DIR/cut.log"; then
  fail "a damaged stage is blamed on cmake-release"
fi
expect_old "a stage with files cut short"
build_ok "$bld" "$TEST_WORK_DIR/cut-fixed.log" "after files of the stage were cut short"
release_content "$rel" >"$TEST_WORK_DIR/now.txt"
same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "the repaired release differs from the first one"
release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "the repaired release does not run"
echo "verify refused removed and cut-short staged files; the next build repaired both"
