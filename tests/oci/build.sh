# Fixture: exrelease's OCI image built twice, in two build trees at different
# paths (the second from a copy of the repository's parts elsewhere), with
# no container engine on PATH; each tree also makes its CPack TGZ.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"

rm -rf "$OCI_SHARED"
mkdir -p "$OCI_SHARED"
oci_skip() {
  printf '%s\n' "$*" >"$OCI_SHARED/skipped"
  skip "$*"
}
command -v skopeo >/dev/null 2>&1 || oci_skip "'skopeo' is not installed (Debian package skopeo)"
command -v podman >/dev/null 2>&1 || oci_skip "'podman' is not installed (Debian package podman)"
podman image exists "$OCI_BASE_IMAGE" || oci_skip "no local $OCI_BASE_IMAGE (tests/container/prepare-engine makes it)"
for pc in cpp-httplib sqlite3 libpq openssl; do
  pkg-config --exists "$pc" || oci_skip "$pc is not installed (scripts/bootstrap installs the -dev packages)"
done

# The base, as a user makes it (here from the local store: no registry).
base=$(sh "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/base-image.sh" "$OCI_BASE_IMAGE")
skopeo copy -q "containers-storage:$base" "oci:$OCI_SHARED/base:bookworm-slim" \
  || fail "skopeo could not copy $base to an OCI layout"

# The second tree's sources: the example and cmake-release's parts, copied.
copy=$OCI_SHARED/elsewhere/src
mkdir -p "$copy/examples"
copy_cmake_release "$copy"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$copy/examples/"
rm -rf "$copy/examples/exrelease/build"

PATH=$(oci_engine_free_path "$TEST_WORK_DIR/path")
export PATH
for engine in docker podman buildah; do
  if command -v "$engine" >/dev/null 2>&1; then fail "$engine is still on PATH"; fi
done

# Both trees are configured first, back to back: the image's revision label
# is the commit checked out when CMake configures.
trees="a:$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease b:$copy/examples/exrelease"
for t in $trees; do
  tree=$OCI_SHARED/${t%%:*}
  # Tree a uses the cmake-release in use, tree b its copy beside the example.
  case ${t%%:*} in a) from=$CMAKE_RELEASE_DIR ;; *) from=$copy ;; esac
  "$CMAKE_COMMAND" -S "${t#*:}" -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_RELEASE_DIR=$from" \
    "-DEXRELEASE_OCI_BASE=$OCI_SHARED/base" "-DEXRELEASE_OCI_TAG=$OCI_TAG" >"$tree.configure.log" 2>&1 \
    || { cat "$tree.configure.log" >&2; fail "configure of ${t#*:} failed"; }
done
for t in $trees; do
  tree=$OCI_SHARED/${t%%:*}
  "$CMAKE_COMMAND" --build "$tree" --target oci-image-exrelease >"$tree.build.log" 2>&1 \
    || { cat "$tree.build.log" >&2; fail "build of oci-image-exrelease in $tree failed"; }
  (cd "$tree" && cpack -G TGZ >"$tree.cpack.log" 2>&1) || { cat "$tree.cpack.log" >&2; fail "cpack in $tree failed"; }
  grep 'add_oci_image(exrelease)' "$tree.build.log"
done
