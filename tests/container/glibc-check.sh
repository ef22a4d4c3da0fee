# container.glibc-check: the builder stage's glibc check on a real engine.
# The tzcheck image (as in container.runtime-packages, so its layers come from
# the engine's cache) built by hand with a RUNTIME_GLIBC older than the
# release needs: the build fails in the builder stage, naming the glibc the
# release needs, the runtime image's and the fix; with the generated value
# it passes.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
need_engine

image=localhost/cmake-release-test/tzcheck-glibc:1.0.0
ctx=$TEST_WORK_DIR/ctx
bld=$TEST_WORK_DIR/build
rm -rf "$ctx" "$bld"
mkdir -p "$ctx/tests" "$bld"
copy_cmake_release "$ctx"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/tests/container/tzcheck" "$ctx/tests/"
configure_and_build "$ctx/tests/tzcheck" "$bld" tzcheck
df=$bld/tzcheck.Dockerfile
grep -qx 'ARG RUNTIME_GLIBC=2.36' "$df" || fail "the Dockerfile does not give RUNTIME_GLIBC=2.36 for debian:bookworm-slim"

# build [--build-arg ...]: podman build of the generated Dockerfile.
build() {
  podman build -f "$df" --ignorefile "$df.dockerignore" -t "$image" "$@" "$ctx" \
    >"$TEST_WORK_DIR/build.log" 2>&1
}

if build --build-arg RUNTIME_GLIBC=2.17; then
  fail "the image built although the release needs a newer glibc than RUNTIME_GLIBC=2.17"
fi
msg=$(grep 'needs GLIBC_' "$TEST_WORK_DIR/build.log" | grep -v '^STEP\|RUN ' | head -n 1)
echo "RUNTIME_GLIBC=2.17: $msg"
case $msg in
  "add_container_image(tzcheck): release tzcheck needs GLIBC_2."*" but debian:bookworm-slim has 2.17. Fix: build on an older base (BUILDER_IMAGE) or pick a newer RUNTIME_IMAGE.") ;;
  *) cat "$TEST_WORK_DIR/build.log" >&2; fail "the glibc failure does not say what the release needs and the fix" ;;
esac

build || { cat "$TEST_WORK_DIR/build.log" >&2; fail "the build with the generated RUNTIME_GLIBC failed"; }
# The step prints what it compared, unless the engine took it from its cache.
ok=$(grep '^glibc check: release tzcheck needs GLIBC_' "$TEST_WORK_DIR/build.log" | head -n 1) || true
echo "RUNTIME_GLIBC=2.36: ${ok:-passed (the step came from the cache)}"
podman untag "$image" "$image" >/dev/null 2>&1 || true
echo PASS
