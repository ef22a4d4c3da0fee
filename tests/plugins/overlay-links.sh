# plugins.overlay-links: symbolic links in an overlay (on a copy of the
# fixture project, release plugtest with OVERLAYS):
# - links to files inside the release are resolved at assembly: to a staged
#   plugin (share/doc/sqlite-plugin.so -> ../../libexec/libplugtest-sqlite.so,
#   a hard link to the staged file), to an overlay file (etc/current.conf ->
#   default.conf) and to another link (etc/chain.conf -> current.conf); the
#   release holds regular files there, with the content linked to;
# - with those links (one of them dangling inside the overlay itself), a
#   second build does no work and changes no file;
# - re-pointing a link (ln -sfn) is noticed and re-assembles;
# - a link to a file the release does not hold, and a link to a directory,
#   are refused with a message, and the previous release stays.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/plugins-lib.sh"
need_cmd ninja ninja-build

src="$TEST_WORK_DIR/src"
bld="$TEST_WORK_DIR/build"
rm -rf "$src" "$bld"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/project" "$src"
ov="$src/links-overlay"
mkdir -p "$ov/etc" "$ov/share/doc"
printf 'answer = 42\n' >"$ov/etc/default.conf"
printf 'other = 1\n' >"$ov/etc/other.conf"
ln -s default.conf "$ov/etc/current.conf"
ln -s current.conf "$ov/etc/chain.conf"
ln -s ../../libexec/libplugtest-sqlite.so "$ov/share/doc/sqlite-plugin.so"
sed -i 's|^add_release(plugtest TARGETS plugtest)$|add_release(plugtest TARGETS plugtest OVERLAYS links-overlay)|' "$src/CMakeLists.txt"
grep -q "OVERLAYS links-overlay" "$src/CMakeLists.txt" || fail "could not add OVERLAYS to the copy of the project"
configure_and_build "$src" "$bld" release "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/settle.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/settle.log"; fail "the second --target release failed"; }
rel="$bld/release/plugtest"

links=$(find "$rel" -type l)
[ -z "$links" ] || fail "the release holds symbolic links: $links"
for f in etc/current.conf etc/chain.conf; do
  if [ ! -f "$rel/$f" ] || ! cmp -s "$rel/$f" "$ov/etc/default.conf"; then fail "$f is not a copy of etc/default.conf"; fi
done
[ "$(stat -c %i "$rel/share/doc/sqlite-plugin.so")" = "$(stat -c %i "$rel/libexec/libplugtest-sqlite.so")" ] \
  || fail "share/doc/sqlite-plugin.so is not the staged plugin (hard link)"
"$rel/bin/plugtest" start >"$TEST_WORK_DIR/run.out" 2>&1 || { cat "$TEST_WORK_DIR/run.out"; fail "plugtest does not run"; }
expect_plugins_output "$TEST_WORK_DIR/run.out"

snapshot "$rel" >"$TEST_WORK_DIR/snap1.txt"
"$CMAKE_COMMAND" --build "$bld" --target release -- -d explain >"$TEST_WORK_DIR/noop.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/noop.log"; fail "the no-op build failed"; }
ninja_ran_nothing "$TEST_WORK_DIR/noop.log"
snapshot "$rel" >"$TEST_WORK_DIR/snap2.txt"
same_or_fail "$TEST_WORK_DIR/snap1.txt" "$TEST_WORK_DIR/snap2.txt" "a no-op build with overlay links changed the release"

sleep 1
ln -sfn other.conf "$ov/etc/current.conf"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/repoint.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/repoint.log"; fail "the build after re-pointing a link failed"; }
grep -q 'Release plugtest: assembling' "$TEST_WORK_DIR/repoint.log" || fail "re-pointing a link did not re-assemble"
cmp -s "$rel/etc/chain.conf" "$ov/etc/other.conf" || fail "etc/chain.conf does not follow the re-pointed link"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/noop2.log" 2>&1 || fail "the no-op build failed"
ninja_ran_nothing "$TEST_WORK_DIR/noop2.log"

# refused <what> <log-regex>: the build fails saying so; the release is the
# previous one.
snapshot "$rel" >"$TEST_WORK_DIR/good.txt"
refused() {
  if "$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/refused.log" 2>&1; then
    fail "the build with $1 succeeded"
  fi
  log_says "$TEST_WORK_DIR/refused.log" "$2"
  snapshot "$rel" >"$TEST_WORK_DIR/now.txt"
  same_or_fail "$TEST_WORK_DIR/good.txt" "$TEST_WORK_DIR/now.txt" "$1 changed the release"
}
ln -s ../lib/libnothing.so "$ov/etc/missing.so"
refused "a link to a file the release does not hold" \
  "add_release\(plugtest\): the overlay entry '[^']*/links-overlay/etc/missing\.so' is a symbolic link to 'lib/libnothing\.so', which the release does not hold \(or a cycle of links\)\. Fix: point it at a file of the release, or remove it\."
rm "$ov/etc/missing.so"
ln -s loop-b "$ov/etc/loop-a"
ln -s loop-a "$ov/etc/loop-b"
refused "a cycle of links" "the overlay entry '[^']*/links-overlay/etc/loop-[ab]' is a symbolic link to 'etc/loop-[ab]', which the release does not hold \(or a cycle of links\)"
rm "$ov/etc/loop-a" "$ov/etc/loop-b"
ln -s ../../lib "$ov/share/doc/libs"
refused "a link to a directory" \
  "add_release\(plugtest\): the overlay entry '[^']*/links-overlay/share/doc/libs' is a symbolic link to the directory 'lib' of the release\. Fix: link the files one by one, or copy the directory into the overlay\."
rm "$ov/share/doc/libs"
"$CMAKE_COMMAND" --build "$bld" --target release >"$TEST_WORK_DIR/fixed.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/fixed.log"; fail "the build without the refused links failed"; }
echo "plugins.overlay-links: links inside resolved, no-op kept, bad links refused"
