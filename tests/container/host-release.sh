# container.host-release: an image made with HOST_RELEASE from the release
# this build tree assembled (examples/greetd, with a second
# add_container_image call), on Podman:
#   - building the image target assembles the release on the host first and
#     checks its glibc against the runtime image's; the engine compiles
#     nothing (the Dockerfile's only RUN-free stage copies the context);
#   - the image's release is byte for byte the host's (same files, same
#     checksums), at /opt/greetd, root's, run as 65532 with its volume;
#   - it runs: /health and /greet answer through -p, the state lands in the
#     volume;
#   - its HEALTHCHECK survives Podman (built with --format docker) and
#     passes (`podman healthcheck run`, the launcher's probe);
#   - sizes printed: the image, its base, the release directory.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine podman
need_cmd curl curl

greetd_host_image images-greetd-host tcp://127.0.0.1:8080

t0=$(now_ms)
configure_and_build "$ctx/examples/greetd" "$bld" container-image-images-greetd-host "$ENGINE_CACHE_ARG"
build_ms=$(($(now_ms) - t0))
log=$bld.build.log
grep -q 'Release greetd: assembling' "$log" || { cat "$log" >&2; fail "the image target did not assemble the release first"; }
grep -q 'glibc check: the release built on this machine needs GLIBC_2\.[0-9]*, runtime debian:bookworm-slim has 2\.36' "$log" \
  || { cat "$log" >&2; fail "no glibc check of the host's release"; }
grep -q "building $image with" "$log" || { cat "$log" >&2; fail "the image was not built as $image"; }
if grep -q 'apt-get\|cmake --build /build' "$log"; then
  cat "$log" >&2; fail "the engine ran a builder stage"
fi
echo "HOST_RELEASE image build (release assembled on the host, then the image): ${build_ms} ms"

inspect() { "$ENGINE" image inspect -f "$1" "$image"; }
[ "$(inspect '{{.Config.User}}')" = 65532:65532 ] || fail "image USER is $(inspect '{{.Config.User}}')"
# Built with --format docker, the image keeps its HEALTHCHECK (OCI would drop it).
[ "$(inspect '{{json .Config.Healthcheck.Test}}')" = '["CMD","/opt/greetd/bin/greetd","probe","tcp://127.0.0.1:8080"]' ] \
  || fail "the image lost its HEALTHCHECK: $(inspect '{{json .Config.Healthcheck}}')"
case $(inspect '{{json .Config.Volumes}}') in
  *'"/var/lib/greetd"'*) ;;
  *) fail "the image declares no volume /var/lib/greetd" ;;
esac

# The image's release is the host's: the same files with the same checksums.
rel=$bld/release/greetd
(cd "$rel" && find . -type f -exec sha256sum {} + | sort -k2) >"$bld.host.sums"
"$ENGINE" run --rm --entrypoint sh "$image" -c 'cd /opt/greetd && find . -type f -exec sha256sum {} + | sort -k2' >"$bld.image.sums" \
  || fail "cannot list the image's release"
diff "$bld.host.sums" "$bld.image.sums" >&2 || fail "the image's /opt/greetd differs from the host's release"
owner=$("$ENGINE" run --rm --entrypoint stat "$image" -c %u /opt/greetd/bin/greetd /var/lib/greetd | tr '\n' ' ')
[ "$owner" = "0 65532 " ] || fail "owners of the control script and the volume: $owner (want 0 65532)"

port=$(free_port)
cid=$("$ENGINE" run -d -p "127.0.0.1:$port:8080" "$image")
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer within 30 s"; }
reply=$(curl -sf "http://127.0.0.1:$port/greet?name=host") || { "$ENGINE" logs "$cid" >&2; fail "/greet failed"; }
echo "GET /greet: $reply"
case $reply in *host*) ;; *) fail "/greet did not greet: $reply" ;; esac
"$ENGINE" exec "$cid" test -s /var/lib/greetd/greetings || fail "no state file in the volume"
# Podman runs health checks from systemd timers, which this machine lacks:
# run the image's check by hand (it is the launcher's probe).
"$ENGINE" healthcheck run "$cid" || fail "podman healthcheck run: the image's HEALTHCHECK fails while greetd answers"
echo "podman healthcheck run: healthy"
"$ENGINE" stop -t 10 "$cid" >/dev/null

size=$(inspect '{{.Size}}')
base=$("$ENGINE" image inspect -f '{{.Size}}' debian:bookworm-slim)
rel_bytes=$(du -sb "$rel" | cut -f1)
echo "image size: $size B (runtime base $base B, added $((size - base)) B; the release directory: $rel_bytes B)"
echo PASS
