# container.exrelease-arm64: the arm64 image of exrelease, built on this
# x86_64 machine through its container-image-exrelease target from the
# generated Dockerfile (PLATFORM linux/arm64): the builder stage runs natively
# and cross-compiles, the runtime stage is the arm64 base. Checks:
#   - the engine was called with --platform linux/arm64;
#   - the builder stage ran on amd64: its cmake is an x86-64 program and its
#     dpkg is amd64 with arm64 added (an emulated builder would be aarch64);
#   - the image is arm64, and every ELF file of its release is aarch64;
#   - the container, run under qemu, answers /health.
# Needs the fixtures container-engine, container-engine-arm64 (arm64 bases and
# manifest lists, prepare-engine --arch arm64) and qemu (tests/cross).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"

. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
need_engine container-engine container-engine-arm64
need_qemu aarch64-linux-gnu
need_cmd curl curl
need_cmd readelf binutils

image=localhost/cmake-release-test/exrelease-arm64:0.1.0
builder=localhost/cmake-release-test/exrelease-arm64-builder:0.1.0
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
containers=""
mounted=""
cleanup() {
  for c in $containers; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  for m in $mounted; do podman image unmount "$m" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The repository's parts the image needs, laid out as in the repository; the
# copy of the example asks for PLATFORM linux/arm64 and a tag of its own.
ctx=$TEST_WORK_DIR/ctx
bld=$TEST_WORK_DIR/build
rm -rf "$ctx" "$bld"
mkdir -p "$ctx/examples" "$bld"
copy_cmake_release "$ctx"
cp -R "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$ctx/examples/"
rm -rf "$ctx/examples/exrelease/build"
lists="$ctx/examples/exrelease/CMakeLists.txt"
sed -i "s|^  RELEASE exrelease\$|  RELEASE exrelease\\
  PLATFORM linux/arm64\\
  TAG $image|" "$lists"
grep -q '^  PLATFORM linux/arm64$' "$lists" || fail "could not add PLATFORM to the example's add_container_image()"

unset RELEASE_CONTAINER_ENGINE
t0=$(now_ms)
# Podman by name: with a working Docker first on PATH, detection would pick it.
configure_and_build "$ctx/examples/exrelease" "$bld" container-image-exrelease -DRELEASE_CONTAINER_ENGINE=podman
build_ms=$(($(now_ms) - t0))
echo "arm64 image build (cross builder): ${build_ms} ms"
# The step echoes the command with each argument quoted.
grep -q -- "'--platform' 'linux/arm64'" "$bld.build.log" \
  || { cat "$bld.build.log" >&2; fail "the engine was not called with --platform linux/arm64"; }
# shellcheck disable=SC2016 # a literal Dockerfile line
grep -q '^FROM --platform=\$BUILDPLATFORM \${BUILDER_IMAGE} AS builder$' "$bld/exrelease.Dockerfile" \
  || fail "the builder stage does not run on \$BUILDPLATFORM"

# --- the builder stage ran natively ----------------------------------------
# Its layers come from the engine's cache: this only tags them. (The same
# arguments as the target's; without BUILDPLATFORM, Podman 4.3 would build an
# emulated arm64 builder instead, which the checks below catch.)
podman build --platform linux/arm64 --build-arg BUILDPLATFORM=linux/amd64 --target builder -t "$builder" \
  -f "$bld/exrelease.Dockerfile" --ignorefile "$bld/exrelease.Dockerfile.dockerignore" \
  "$ctx" >"$TEST_WORK_DIR/builder.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/builder.log" >&2; fail "tagging the builder stage failed"; }
broot=$(podman image mount "$builder") || fail "cannot mount the builder stage"
mounted="$mounted $builder"
cmake_machine=$(readelf -h "$broot/usr/bin/cmake" | sed -n 's/^ *Machine: *//p')
dpkg_arch=$(tr '\n' ' ' <"$broot/var/lib/dpkg/arch" 2>/dev/null || true)
echo "builder stage: cmake is '$cmake_machine', dpkg architectures: ${dpkg_arch:-amd64 only}"
[ "$cmake_machine" = "Advanced Micro Devices X86-64" ] \
  || fail "the builder's cmake is built for '$cmake_machine': the builder stage did not run natively"
case " $dpkg_arch" in
  *" arm64 "*) ;;
  *) fail "the builder has no arm64 architecture added ($dpkg_arch)" ;;
esac
check_machine "$broot/build/release/exrelease" aarch64-linux-gnu
grep -q '^machine=AArch64$' "$broot"/build/release/exrelease/releases/*/manifest.txt \
  || fail "the builder's release manifest does not say AArch64"
glibc=$(sed -n 's/^glibc=//p' "$broot"/build/release/exrelease/releases/*/manifest.txt)
echo "the release needs GLIBC_$glibc (the runtime base has 2.36)"
podman image unmount "$builder" >/dev/null
mounted=""
podman untag "$builder" "$builder" >/dev/null 2>&1 || true

# --- the image is arm64, and so is every ELF file in it -------------------
arch=$(podman image inspect --format '{{.Architecture}}' "$image")
[ "$arch" = arm64 ] || fail "the image is for '$arch', not arm64"
iroot=$(podman image mount "$image") || fail "cannot mount the image"
mounted="$image"
check_machine "$iroot/opt/exrelease" aarch64-linux-gnu
check_machine "$iroot/usr/bin/env" aarch64-linux-gnu
podman image unmount "$image" >/dev/null
mounted=""

# --- it runs under qemu and answers /health --------------------------------
port=$(free_port)
cid=$(podman run -d --platform linux/arm64 -p "127.0.0.1:$port:8080" \
  -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "$image")
containers="$containers $cid"
wait_http "http://127.0.0.1:$port/health" 120 \
  || { podman logs "$cid" >&2; fail "/health did not answer within 120 s under qemu"; }
health=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/health" | tr -d '\n')
echo "GET /health (arm64 container under qemu): $health"
case $health in
  *'"status":"ok"'*' 200') ;;
  *) podman logs "$cid" >&2; fail "/health is not ok: $health" ;;
esac
machine=$(podman exec "$cid" uname -m)
[ "$machine" = aarch64 ] || fail "the container runs as '$machine', not aarch64"
podman stop -t 10 "$cid" >/dev/null
echo "PASS"
