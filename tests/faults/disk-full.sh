# The disk holding the release fills up during the swap (OUTPUT_DIRECTORY on
# a small tmpfs, too small for the old and the new release at once): the
# build fails with one message naming add_release(app), the file and the fix;
# the previous release is whole and in place, nothing half-made beside it;
# with space again, the next build assembles the new release.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/faults/faults-lib.sh"
need_root "mount a small tmpfs"
need_cmd unshare util-linux
if [ -z "${FAULTS_MOUNT_NS:-}" ]; then
  FAULTS_MOUNT_NS=1 exec unshare --mount sh "$0"
fi
mount --make-rprivate / 2>/dev/null || true

bld="$TEST_WORK_DIR/build"
out="$TEST_WORK_DIR/out"
rel="$out/app"
src="$TEST_WORK_DIR/src"
rm -rf "$src" "$out"
cp -R "$APP_SRC" "$src"
mkdir -p "$out"
mount -t tmpfs -o size=4m tmpfs "$out" || skip "cannot mount a tmpfs here"
rm -rf "$bld"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR" \
  "-Dapp_extra=OUTPUT_DIRECTORY;$out"
used=$(du -sk "$rel" | cut -f1)
[ "$used" -gt 2048 ] || fail "the release takes ${used} KiB: too small to fill the 4 MiB tmpfs twice"
release_content "$rel" >"$TEST_WORK_DIR/good.txt"

echo '// changed' >>"$src/greet.cpp"
build_fails "$bld" "$TEST_WORK_DIR/full.log" "a full disk during the swap"
log_says "$TEST_WORK_DIR/full.log" \
  "add_release\(app\): cannot link or copy the staged file to '$out/\.app\.new/[^']*' \([^)]*No space left on device[^)]*\): the previous release is left as it was\. Fix: make sure the file system of OUTPUT_DIRECTORY \('$out'\) is writable and has free space, then build again\."
release_content "$rel" >"$TEST_WORK_DIR/now.txt"
same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "the failed swap changed the release"
release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "after the full disk the release does not run"
leftovers=$(find "$out" -mindepth 1 -maxdepth 1 ! -name app)
[ -z "$leftovers" ] || fail "the failed swap left $leftovers"

# Still full: the next build fails the same way, and changes nothing.
build_fails "$bld" "$TEST_WORK_DIR/full2.log" "a second build on the full disk"
release_content "$rel" >"$TEST_WORK_DIR/now.txt"
same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "the second failed swap changed the release"

mount -o remount,size=16m "$out" || fail "cannot grow the tmpfs"
build_ok "$bld" "$TEST_WORK_DIR/space.log" "with free space again"
cmp -s "$bld/_release/app/stage/lib/libgreet.so" "$rel/lib/libgreet.so" \
  || fail "the release does not hold the rebuilt library"
release_runs "$rel" "$TEST_WORK_DIR/run.out" || fail "the new release does not run"
umount "$out"
echo "a full disk at the swap kept the old release; the next build with space put the new one"
