# container.runtime-packages: RUNTIME_PACKAGES installs Debian packages in the
# runtime stage (the release carries shared libraries, not data such as
# tzdata), without leaving apt's lists in the image, and the build does not
# hang on the apt cache mounts the builder stage used too.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
need_engine

image=localhost/cmake-release-test/tzcheck:1.0.0
ctx=$TEST_WORK_DIR/ctx
bld=$TEST_WORK_DIR/build
rm -rf "$ctx" "$bld"
mkdir -p "$ctx/tests" "$bld"
copy_cmake_release "$ctx"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/tests/container/tzcheck" "$ctx/tests/"

# Podman by name: with a working Docker first on PATH, detection would pick it.
configure_and_build "$ctx/tests/tzcheck" "$bld" container-image-tzcheck -DRELEASE_CONTAINER_ENGINE=podman

out=$(podman run --rm "$image" start 2>&1) || fail "the tzcheck container failed: $out"
case $out in
  *"tzdata present"*) ;;
  *) fail "tzdata is not in the image: $out" ;;
esac
lists=$(podman run --rm --entrypoint /bin/sh "$image" -c 'ls /var/lib/apt/lists | grep -v -e "^lock$" -e "^partial$" | wc -l')
[ "$lists" = 0 ] || fail "apt's package lists ($lists files) ended up in the image"
base=docker.io/library/debian:bookworm-slim
ours=$(podman image inspect -f '{{len .RootFS.Layers}}' "$image")
theirs=$(podman image inspect -f '{{len .RootFS.Layers}}' "$base")
[ "$ours" = $((theirs + 2)) ] || fail "the image has $ours layers, the base $theirs: expected the packages and the release on top"
echo "tzcheck: $out; image $(podman image inspect -f '{{.Size}}' "$image") B"
echo PASS
