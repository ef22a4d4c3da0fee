# plugins.build: the fixture project's two releases, built once (fixture of
# the other plugins.* tests), and their layout:
# - plugtest (DESTINATION libexec): both plugins next to the program, the
#   program has the DT_RPATH $ORIGIN/../lib although it needs no bundled
#   library itself (libstdc++ linked statically), the plugins none;
# - plugtree (DESTINATION lib/plugtree/plugins, two calls): both plugins
#   there; the sum plugin's build-tree DT_RUNPATH is dropped, the other one
#   is a byte-identical copy;
# - the plugins' closure (SQLite, the project's libplugtest_util.so) once in
#   lib/, nowhere else; no file names the build tree; the SBOMs list the
#   plugins; both releases run from the build tree.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/release/release-lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/plugins-lib.sh"
need_cmd readelf binutils

rm -rf "$PLUGINS_SHARED"
mkdir -p "$PLUGINS_SHARED"
configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/tests/plugins/project" "$PLUGINS_BUILD" release \
  "-DCMAKE_RELEASE_DIR=$CMAKE_RELEASE_DIR"
if grep -q 'warning' "$PLUGINS_BUILD.build.log"; then cat "$PLUGINS_BUILD.build.log"; fail "the fixture compiled with warnings"; fi
one="$PLUGINS_BUILD/release/plugtest"
two="$PLUGINS_BUILD/release/plugtree"

# Preconditions that make the checks below mean something.
readelf -d "$PLUGINS_BUILD/plugtest" | grep -q 'NEEDED.*libstdc++' \
  && fail "plugtest links libstdc++ dynamically: its DT_RPATH would come from that"
dyn_paths "$PLUGINS_BUILD/lib/libplugtest-sum.so" | grep -q RUNPATH \
  || fail "the build tree's sum plugin has no DT_RUNPATH: nothing to drop"
[ -z "$(dyn_paths "$PLUGINS_BUILD/lib/libplugtest-sqlite.so")" ] \
  || fail "the build tree's SQLite plugin has a search path: it could not stay byte-identical"

for f in libexec/plugtest libexec/libplugtest-sqlite.so libexec/libplugtest-sum.so \
         lib/libsqlite3.so.0 lib/libplugtest_util.so; do
  if [ ! -f "$one/$f" ] || [ -L "$one/$f" ]; then fail "plugtest: $f is missing or not a real file"; fi
done
for f in libexec/plugtree lib/libplugtree_core.so lib/plugtree/plugins/libplugtest-sqlite.so \
         lib/plugtree/plugins/libplugtest-sum.so lib/libsqlite3.so.0 lib/libplugtest_util.so; do
  if [ ! -f "$two/$f" ] || [ -L "$two/$f" ]; then fail "plugtree: $f is missing or not a real file"; fi
done
for rel in "$one" "$two"; do
  n=$(find "$rel" -type f -name 'libsqlite3*' | wc -l)
  [ "$n" = 1 ] || fail "$rel holds $n copies of SQLite: $(find "$rel" -name 'libsqlite3*')"
  n=$(find "$rel" -type f -name 'libplugtest_util*' | wc -l)
  [ "$n" = 1 ] || fail "$rel holds $n copies of libplugtest_util"
  for f in "$rel"/libexec/plug*; do
    [ "$(dyn_paths "$f" | sed 's/.*\[\(.*\)\]$/\1/')" = "\$ORIGIN/../lib" ] \
      || fail "$f has '$(dyn_paths "$f")', expected the DT_RPATH \$ORIGIN/../lib"
    dyn_paths "$f" | grep -q '(RPATH)' || fail "$f has a DT_RUNPATH, not a DT_RPATH"
  done
done
for f in "$one"/libexec/lib*.so "$two"/lib/plugtree/plugins/*.so "$two"/lib/*.so; do
  [ -z "$(dyn_paths "$f")" ] || fail "$f has a search path of its own: $(dyn_paths "$f")"
done
cmp -s "$PLUGINS_BUILD/lib/libplugtest-sqlite.so" "$one/libexec/libplugtest-sqlite.so" \
  || fail "plugtest: the SQLite plugin is not a byte-identical copy"
cmp -s "$PLUGINS_BUILD/lib/libplugtest-sqlite.so" "$two/lib/plugtree/plugins/libplugtest-sqlite.so" \
  || fail "plugtree: the SQLite plugin is not a byte-identical copy"
grep -rl "$PLUGINS_BUILD" "$one" "$two" && fail "a release file names the build tree"
# The SBOM lists the plugins with the programs, as the release's own files.
for p in libexec/libplugtest-sqlite.so libexec/libplugtest-sum.so; do
  grep -q "\"name\": \"$p\"" "$one/releases/1.2.0/sbom.cdx.json" || fail "plugtest's SBOM does not list $p"
done
grep -q '"name": "lib/plugtree/plugins/libplugtest-sum.so"' "$two/releases/1.2.0/sbom.cdx.json" \
  || fail "plugtree's SBOM does not list its sum plugin"
# ... with their hashes, as for every other file.
for p in libexec/libplugtest-sqlite.so libexec/libplugtest-sum.so; do
  sum=$(sha256sum "$one/$p" | cut -d' ' -f1)
  grep -q "\"name\": \"$p\", \"hashes\": \[{\"alg\": \"SHA-256\", \"content\": \"$sum\"}\]" \
    "$one/releases/1.2.0/sbom.cdx.json" || fail "plugtest's SBOM does not give $p its sha256 $sum"
done

"$one/bin/plugtest" start >"$TEST_WORK_DIR/one.out" 2>&1 || { cat "$TEST_WORK_DIR/one.out"; fail "plugtest does not run"; }
expect_plugins_output "$TEST_WORK_DIR/one.out"
"$two/bin/plugtree" start >"$TEST_WORK_DIR/two.out" 2>&1 || { cat "$TEST_WORK_DIR/two.out"; fail "plugtree does not run"; }
expect_plugins_output "$TEST_WORK_DIR/two.out"
touch "$PLUGINS_SHARED/fixture.ok"
echo "plugins: both layouts built, checked and run"
