# The greetd example's image (examples/greetd), built through its
# container-image-greetd target on the engine named by $1 (podman or docker;
# CTest runs container.greetd.podman and container.greetd.docker), then run
# as an operator would:
#   - with no arguments: the default CMD starts greetd with the release's
#     ARGS (-c <release>/etc/greetd.conf), which loads a plugin by name;
#   - reachable from the host (curl through -p);
#   - its state (the greeting counter, in RELEASE_DATA) is kept in the
#     image's volume across a container restart and into a new container;
#   - the volume is the run-time user's, the release root's and read-only;
#   - ENGINE_ARGS (here the cache variable RELEASE_CONTAINER_ENGINE_ARGS)
#     reach the engine's build command: the image carries their label;
#   - the image size, the build time and the rebuild time after a one-line
#     change (package layer from the cache) are printed for the notes.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine "$1"
need_cmd curl curl

image=greetd:1.0.0
volume=engines-greetd-data-$1
containers=""
cleanup() {
  for c in $containers; do "$ENGINE" rm -f "$c" >/dev/null 2>&1 || true; done
  # A run killed before its trap ran can leave a container holding the
  # volume, which then cannot be removed and keeps its old state.
  for c in $("$ENGINE" ps -aq --filter "volume=$volume" 2>/dev/null); do
    "$ENGINE" rm -f "$c" >/dev/null 2>&1 || true
  done
  "$ENGINE" volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

example_context greetd

label="org.cmake-release.test.engine-args=$1-$$"
t0=$(now_ms)
configure_and_build "$ctx/examples/greetd" "$bld" container-image-greetd \
  "$ENGINE_CACHE_ARG" "-DRELEASE_CONTAINER_ENGINE_ARGS=--label;$label"
first_ms=$(($(now_ms) - t0))
grep -q "add_container_image(greetd): building $image with .*${ENGINE##*/}$" "$bld.build.log" \
  || { cat "$bld.build.log" >&2; fail "the image was not built with $ENGINE"; }
echo "first build on $1: ${first_ms} ms"

inspect() { "$ENGINE" image inspect -f "$1" "$image"; }
[ "$(inspect '{{index .Config.Labels "org.cmake-release.test.engine-args"}}')" = "${label#*=}" ] \
  || fail "RELEASE_CONTAINER_ENGINE_ARGS did not reach the engine: the image lacks the label $label"
[ "$(inspect '{{.Config.User}}')" = 65532:65532 ] || fail "image USER is not 65532:65532"
case $(inspect '{{json .Config.Volumes}}') in
  *'"/var/lib/greetd"'*) ;;
  *) fail "the image declares no volume /var/lib/greetd: $(inspect '{{json .Config.Volumes}}')" ;;
esac
inspect '{{json .Config.Env}}' | grep -q '"RELEASE_DATA=/var/lib/greetd"' \
  || fail "the image does not set RELEASE_DATA to its volume: $(inspect '{{json .Config.Env}}')"
[ "$(inspect '{{json .Config.Cmd}}')" = '["start"]' ] || fail "CMD is $(inspect '{{json .Config.Cmd}}'), not [\"start\"]"

# --- run with no arguments, reachable from the host ------------------------
port=$(free_port)
"$ENGINE" volume create "$volume" >/dev/null
cid=$("$ENGINE" run -d -p "127.0.0.1:$port:8080" -v "$volume:/var/lib/greetd" "$image")
containers="$containers $cid"
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer within 30 s"; }
for who in ada bob cy; do
  reply=$(curl -sf "http://127.0.0.1:$port/greet?name=$who") || { "$ENGINE" logs "$cid" >&2; fail "/greet failed"; }
done
echo "GET /greet: $reply"
case $reply in
  *cy*) ;;
  *) fail "/greet did not greet: $reply" ;;
esac
stats=$(curl -sf "http://127.0.0.1:$port/stats")
echo "GET /stats: $(echo "$stats" | tr '\n' ' ')"
echo "$stats" | grep -qx 'greetings 3' || fail "/stats does not count 3 greetings: $stats"
echo "$stats" | grep -q '^plugin libgreetd_formal.so' || fail "the configured plugin is not loaded: $stats"
echo "$stats" | grep -qx 'config /opt/greetd/etc/greetd.conf' || fail "greetd did not get -c from the release's ARGS: $stats"

pid=$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "greetd runs as uid $(stat -c %u "/proc/$pid"), not 65532"
owner=$("$ENGINE" exec "$cid" stat -c %u /var/lib/greetd /opt/greetd/bin/greetd | tr '\n' ' ')
[ "$owner" = "65532 0 " ] || fail "owners of the volume and the control script: $owner (want 65532 0)"
if "$ENGINE" exec "$cid" sh -c 'touch /opt/greetd/bin/x' >/dev/null 2>&1; then
  fail "the run-time user can write into the release"
fi
"$ENGINE" exec "$cid" test -s /var/lib/greetd/greetings || fail "no state file in the volume"

# --- restart: the state stays ----------------------------------------------
"$ENGINE" restart -t 10 "$cid" >/dev/null
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer after the restart"; }
curl -sf "http://127.0.0.1:$port/stats" | grep -qx 'greetings 3' \
  || fail "the count did not survive the container restart: $(curl -s "http://127.0.0.1:$port/stats")"
"$ENGINE" stop -t 10 "$cid" >/dev/null
code=$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$cid")
[ "$code" = 0 ] || fail "greetd exited with $code on SIGTERM"
echo "restart kept 3 greetings; stop: exit status $code"

# --- a new container on the same volume goes on counting --------------------
port=$(free_port)
cid=$("$ENGINE" run -d -p "127.0.0.1:$port:8080" -v "$volume:/var/lib/greetd" "$image")
containers="$containers $cid"
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer in the new container"; }
curl -sf "http://127.0.0.1:$port/greet?name=dee" >/dev/null || fail "/greet failed in the new container"
curl -sf "http://127.0.0.1:$port/stats" | grep -qx 'greetings 4' \
  || fail "the new container did not find the volume's state: $(curl -s "http://127.0.0.1:$port/stats")"
"$ENGINE" stop -t 10 "$cid" >/dev/null
echo "a new container on the volume: 4 greetings"

# --- size --------------------------------------------------------------------
size=$(inspect '{{.Size}}')
base_size=$("$ENGINE" image inspect -f '{{.Size}}' debian:bookworm-slim)
echo "image size on $1: $size B (runtime base $base_size B, added $((size - base_size)) B)"

# --- a one-line change: the package layer from the cache ---------------------
rebuild_after_edit "$ctx/examples/greetd/src/main.cpp" container-image-greetd
echo "rebuild on $1 after a one-line change: ${rebuild_ms} ms (first build ${first_ms} ms)"
echo PASS
