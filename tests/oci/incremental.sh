# oci.incremental: after a one-line edit of one source file, only the top
# layer (programs, scripts, config) of the image changes; the base layers and
# the libraries' layer keep their digests.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
oci_need_builds

src=$TEST_WORK_DIR/src
bld=$TEST_WORK_DIR/build
rm -rf "$src" "$bld"
mkdir -p "$src/examples"
copy_cmake_release "$src"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$src/examples/"
rm -rf "$src/examples/exrelease/build"
PATH=$(oci_engine_free_path "$TEST_WORK_DIR/path")
export PATH
configure_and_build "$src/examples/exrelease" "$bld" oci-image-exrelease \
  "-DEXRELEASE_OCI_BASE=$OCI_SHARED/base" "-DEXRELEASE_OCI_TAG=$OCI_TAG"
oci_layer_digests "$bld/exrelease.oci.tar" >"$TEST_WORK_DIR/before"
cmp "$TEST_WORK_DIR/before" /dev/stdin <<LAYERS || fail "a third build tree gave other layers than oci.build's"
$(oci_layer_digests "$OCI_SHARED/a/exrelease.oci.tar")
LAYERS

# One line: what the server prints when it listens.
sed -i 's/" listening on http/" now listening on http/' "$src/examples/exrelease/src/server.cpp"
grep -q 'now listening' "$src/examples/exrelease/src/server.cpp" || fail "the edit did not apply"
"$CMAKE_COMMAND" --build "$bld" --target oci-image-exrelease >"$bld.rebuild.log" 2>&1 \
  || { cat "$bld.rebuild.log" >&2; fail "rebuild failed"; }
oci_layer_digests "$bld/exrelease.oci.tar" >"$TEST_WORK_DIR/after"
n=$(wc -l <"$TEST_WORK_DIR/before")
[ "$n" -ge 3 ] || fail "expected base layers plus two, got $n layers"
head -n $((n - 1)) "$TEST_WORK_DIR/before" >"$TEST_WORK_DIR/before.lower"
head -n $((n - 1)) "$TEST_WORK_DIR/after" >"$TEST_WORK_DIR/after.lower"
cmp "$TEST_WORK_DIR/before.lower" "$TEST_WORK_DIR/after.lower" || fail "a layer below the top one changed"
[ "$(tail -n 1 "$TEST_WORK_DIR/before")" != "$(tail -n 1 "$TEST_WORK_DIR/after")" ] || fail "the top layer did not change"
top=$(tail -n 1 "$TEST_WORK_DIR/after" | sed 's,:,/,')
echo "after a one-line edit: only the top layer changed ($(tar -xOf "$bld/exrelease.oci.tar" "blobs/$top" | wc -c) bytes of $n layers)"
