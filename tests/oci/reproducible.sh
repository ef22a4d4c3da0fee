# oci.reproducible: the two trees of oci.build (different paths, built one
# after the other) give the same manifest digest, a bit-identical release
# directory and bit-identical CPack TGZ archives.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
oci_need_builds

a=$(oci_manifest_digest "$OCI_SHARED/a/exrelease.oci.tar")
b=$(oci_manifest_digest "$OCI_SHARED/b/exrelease.oci.tar")
echo "manifest digests: $a $b"
[ "$a" = "$b" ] || fail "two build trees gave different manifest digests: $a, $b"
cmp "$OCI_SHARED/a/exrelease.oci.tar" "$OCI_SHARED/b/exrelease.oci.tar" \
  || fail "the two OCI archives differ"

diff -r --no-dereference "$OCI_SHARED/a/release/exrelease" "$OCI_SHARED/b/release/exrelease" \
  || fail "the release directories differ"
# diff compares contents; modes of every entry must match as well.
(cd "$OCI_SHARED/a/release/exrelease" && find . -printf '%p %m %y\n' | sort) >"$TEST_WORK_DIR/a.modes"
(cd "$OCI_SHARED/b/release/exrelease" && find . -printf '%p %m %y\n' | sort) >"$TEST_WORK_DIR/b.modes"
cmp "$TEST_WORK_DIR/a.modes" "$TEST_WORK_DIR/b.modes" || fail "modes or kinds of release entries differ"

ta=$(find "$OCI_SHARED/a" -maxdepth 1 -name 'exrelease-*.tar.gz')
tb=$(find "$OCI_SHARED/b" -maxdepth 1 -name 'exrelease-*.tar.gz')
if [ ! -f "$ta" ] || [ ! -f "$tb" ]; then fail "no CPack TGZ in the build trees"; fi
cmp "$ta" "$tb" || fail "the CPack TGZ archives differ: $ta $tb"
echo "CPack TGZ bit-identical: $(basename "$ta") ($(wc -c <"$ta") bytes)"
