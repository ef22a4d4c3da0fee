# oci.multiarch: one build tree per toolchain gives one image per platform;
# cmake/oci-index.cmake combines them into one multi-platform index without
# an engine, and skopeo copy --all pushes it to a real registry (Debian's
# docker-registry on loopback), which then serves each platform's manifest
# with the digest its own archive has.
#   - the aarch64 tree: exrelease cross-built with toolchains/aarch64-linux-gnu.cmake
#     on BASE scratch (no arm64 base image exists here; this image is looked
#     at, not run): its index says linux/arm64 and every ELF file in its
#     layers is AArch64;
#   - the amd64 image is oci.build's tree a.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/cross/lib.sh"
oci_need_builds
triple=aarch64-linux-gnu
need_cross "$triple"
need_cmd docker-registry docker-registry
need_cmd skopeo skopeo
for f in libsqlite3.so libssl.so libcpp-httplib.so libpq.so.5; do
  [ -e "/usr/lib/$triple/$f" ] || skip "/usr/lib/$triple/$f is missing (scripts/bootstrap installs the arm64 packages)"
done
# libpq-dev is not co-installable for two architectures: its arm64 headers
# come from Debian's package (as in tests/cross/exrelease-aarch64.sh).
arm64_libpq_headers

bld=$TEST_WORK_DIR/build-arm64
rm -rf "$bld"
engine_free=$(oci_engine_free_path "$TEST_WORK_DIR/path")
(
  PATH=$engine_free
  export PATH
  configure_and_build "$CMAKE_RELEASE_SOURCE_DIR/examples/exrelease" "$bld" oci-image-exrelease \
    "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_RELEASE_DIR/toolchains/$triple.cmake" \
    "-DPostgreSQL_INCLUDE_DIR=$ARM64_PQ_INCLUDE" \
    "-DPostgreSQL_LIBRARY=/usr/lib/$triple/libpq.so.5" \
    -DEXRELEASE_OCI_BASE=scratch "-DEXRELEASE_OCI_TAG=$OCI_TAG"
) || exit 1
arm=$bld/exrelease.oci.tar
amd=$OCI_SHARED/a/exrelease.oci.tar
platform=$(tar -xOf "$arm" index.json | python3 -c 'import json,sys; p=json.load(sys.stdin)["manifests"][0]["platform"]; print(p["os"] + "/" + p["architecture"])')
[ "$platform" = linux/arm64 ] || fail "the aarch64 tree's image is for $platform"
layers=$TEST_WORK_DIR/arm64-root
rm -rf "$layers" && mkdir -p "$layers"
for d in $(oci_layer_digests "$arm" | sed 's,:,/,'); do
  tar -xOf "$arm" "blobs/$d" | tar -xzf - -C "$layers" || fail "layer $d does not extract"
done
check_machine "$layers/opt/exrelease" "$triple"
[ -f "$layers/var/lib/dpkg/status.d/libssl3" ] || fail "no status.d/libssl3 in the arm64 image"
grep -q '^Architecture: arm64$' "$layers/var/lib/dpkg/status.d/libssl3" || fail "status.d/libssl3 is not arm64's"

# The index, engine-free; a second run writes the same bytes.
multi=$TEST_WORK_DIR/multi.oci.tar
"$CMAKE_COMMAND" "-DOUTPUT=$multi" -DTAG=oci-multi/exrelease:0.1.0 \
  -P "$CMAKE_RELEASE_DIR/cmake/oci-index.cmake" "$amd" "$arm" || fail "oci-index.cmake failed"
cp "$multi" "$TEST_WORK_DIR/first.tar"
"$CMAKE_COMMAND" "-DOUTPUT=$multi" -DTAG=oci-multi/exrelease:0.1.0 \
  -P "$CMAKE_RELEASE_DIR/cmake/oci-index.cmake" "$amd" "$arm" >/dev/null || fail "oci-index.cmake failed"
cmp "$multi" "$TEST_WORK_DIR/first.tar" || fail "two runs of oci-index.cmake differ"
if "$CMAKE_COMMAND" "-DOUTPUT=$TEST_WORK_DIR/twice.oci.tar" -DTAG=x:1 \
    -P "$CMAKE_RELEASE_DIR/cmake/oci-index.cmake" "$amd" "$amd" 2>"$TEST_WORK_DIR/twice.err"; then
  fail "oci-index.cmake took two archives of one platform"
fi
grep -q 'two archives are for the platform amd64' "$TEST_WORK_DIR/twice.err" || { cat "$TEST_WORK_DIR/twice.err" >&2; fail "no clear error for two archives of one platform"; }

# Pushed as one multi-platform image.
port=$(free_port)
store=$TEST_WORK_DIR/registry
rm -rf "$store" && mkdir -p "$store"
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$store" "$port" >"$TEST_WORK_DIR/registry.yml"
docker-registry serve "$TEST_WORK_DIR/registry.yml" >"$TEST_WORK_DIR/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || :' EXIT
wait_http "http://127.0.0.1:$port/v2/" 20 || { cat "$TEST_WORK_DIR/registry.log" >&2; fail "the registry did not answer"; }
ref=127.0.0.1:$port/oci-multi/exrelease:0.1.0
skopeo copy --all --dest-tls-verify=false "oci-archive:$multi" "docker://$ref" >"$TEST_WORK_DIR/push.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/push.log" >&2; fail "skopeo copy --all failed"; }
skopeo inspect --raw --tls-verify=false "docker://$ref" >"$TEST_WORK_DIR/index.json" || fail "skopeo inspect --raw failed"
for pair in "amd64:$amd" "arm64:$arm"; do
  want=$(oci_manifest_digest "${pair#*:}")
  got=$(python3 -c 'import json,sys; print([m["digest"] for m in json.load(open(sys.argv[1]))["manifests"] if m["platform"]["architecture"] == sys.argv[2]][0])' \
    "$TEST_WORK_DIR/index.json" "${pair%%:*}") || fail "the registry's index has no ${pair%%:*} entry"
  [ "$got" = "$want" ] || fail "${pair%%:*}: the registry serves $got, the archive has $want"
  echo "${pair%%:*}: $got"
done
echo "multi-platform image pushed: $(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$ref" 2>/dev/null)"
