# container.exrelease-scratch: the exrelease example built HERMETIC into an
# image FROM scratch (no shell, no libc: the release, the files the rootfs
# stage makes, nothing else), on Podman, and beside it the same release on
# the default debian:bookworm-slim (the builder stage's layers are shared):
#   - run with --read-only as uid 65532, it answers /health from the host;
#   - the migrations ran before start (the example's BEFORE_START, which
#     needs no shell), and a note can be stored;
#   - getpwuid() works there: /etc/passwd names uid 65532;
#   - on SIGTERM (what `podman stop` sends) the container ends within 1 s,
#     exit status 0; measured, not asserted: the wall time of `podman stop`
#     of a running container, published port (CNI bridge and portmap) and
#     --network=none (no CNI), and of one that has already ended;
#   - the same release on a distroless-style base: no registry is reachable
#     here, so a stand-in is made locally (FROM scratch: /etc/passwd with
#     nonroot 65532, nsswitch.conf, CA certificates, /tmp; no shell, no libc,
#     like gcr.io/distroless/static) under a distroless/ name, which
#     add_container_image takes for a base without a shell; it answers /health;
#   - sizes printed: the scratch image, the bookworm-slim image, the release.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine podman
need_cmd curl curl

scratch=images-exrelease-scratch:0.1.0
slim=images-exrelease-slim:0.1.0
distroless=images-exrelease-distroless:0.1.0
standin=localhost/images/distroless/static-debian12:nonroot
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
containers=""
cleanup() {
  for c in $containers; do "$ENGINE" rm -f "$c" >/dev/null 2>&1 || true; done
  "$ENGINE" rmi -f "$scratch" "$slim" "$distroless" "$standin" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

example_context exrelease
# The example as it is, with images on three bases added.
cat >>"$ctx/examples/exrelease/CMakeLists.txt" <<'CMAKE'
foreach(base IN ITEMS scratch slim distroless)
  set(runtime_image scratch)
  if(base STREQUAL "slim")
    set(runtime_image debian:bookworm-slim)
  elseif(base STREQUAL "distroless")
    set(runtime_image localhost/images/distroless/static-debian12:nonroot)
  endif()
  add_container_image(images-exrelease-${base}
    RELEASE exrelease
    CONTEXT ../..
    BUILD_PACKAGES libcpp-httplib-dev libsqlite3-dev libpq-dev libssl-dev
    CMAKE_ARGS -DEXRELEASE_HERMETIC=ON
    RUNTIME_IMAGE ${runtime_image}
    PORTS 8080
    ENV EXRELEASE_DATA_DIR=/tmp/exrelease)
endforeach()
CMAKE

# The distroless stand-in.
sctx=$TEST_WORK_DIR/standin
rm -rf "$sctx"
mkdir -p "$sctx/root/etc/ssl/certs" "$sctx/root/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
  'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$sctx/root/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nonroot:x:65532:' >"$sctx/root/etc/group"
printf '%s\n' 'hosts: files dns' >"$sctx/root/etc/nsswitch.conf"
cp /etc/ssl/certs/ca-certificates.crt "$sctx/root/etc/ssl/certs/"
chmod 1777 "$sctx/root/tmp"
printf 'FROM scratch\nCOPY root/ /\n' >"$sctx/Dockerfile"
"$ENGINE" build -q -t "$standin" "$sctx" >/dev/null || fail "cannot make the distroless stand-in"

t0=$(now_ms)
configure_and_build "$ctx/examples/exrelease" "$bld" container-image-images-exrelease-scratch \
  "$ENGINE_CACHE_ARG" -DEXRELEASE_HERMETIC=ON
echo "scratch image first build: $(($(now_ms) - t0)) ms"
"$CMAKE_COMMAND" --build "$bld" --target container-image-images-exrelease-slim >"$bld.slim.log" 2>&1 \
  || { cat "$bld.slim.log" >&2; fail "the bookworm-slim image of the same release does not build"; }
"$CMAKE_COMMAND" --build "$bld" --target container-image-images-exrelease-distroless >"$bld.distroless.log" 2>&1 \
  || { cat "$bld.distroless.log" >&2; fail "the image on the distroless stand-in does not build"; }
"$CMAKE_COMMAND" --build "$bld" --target release-exrelease >"$bld.release.log" 2>&1 \
  || { cat "$bld.release.log" >&2; fail "the host's HERMETIC release does not build"; }

# Nothing but the release and the rootfs stage's files.
mnt=$("$ENGINE" image mount "$scratch") || fail "cannot mount $scratch"
files=$(find "$mnt" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
"$ENGINE" image umount "$scratch" >/dev/null
echo "top-level entries of the scratch image: $files"
[ "$files" = "etc opt tmp " ] || fail "the scratch image holds more or less than etc, opt, tmp: $files"

port=$(free_port)
cid=$("$ENGINE" run -d --read-only -p "127.0.0.1:$port:8080" -e APP_PORT=8080 \
  -e "SECRET_KEY_BASE=$secret" "$scratch")
containers="$containers $cid"
expect_health_ok "$port" "$cid"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' \
  --data-binary 'from scratch' "http://127.0.0.1:$port/notes")
[ "$code" = 201 ] || { "$ENGINE" logs "$cid" >&2; fail "POST /notes answered $code: the schema is missing"; }
"$ENGINE" logs "$cid" >"$TEST_WORK_DIR/run.log" 2>&1
grep -q "migration(s) applied" "$TEST_WORK_DIR/run.log" \
  || { cat "$TEST_WORK_DIR/run.log" >&2; fail "the migrations did not run before start"; }
pid=$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "exrelease runs as uid $(stat -c %u "/proc/$pid"), not 65532"
grep -q '^nonroot:x:65532:' "/proc/$pid/root/etc/passwd" || fail "/etc/passwd in the image does not name uid 65532"
[ "$(stat -c %a "/proc/$pid/root/tmp")" = 1777 ] || fail "/tmp is not mode 1777"

# Stopping: SIGTERM (what `podman stop` sends) reaches the program through
# the launcher (PID 1) and the container ends by itself, with exit status 0
# (a PID 1 that ignored it would leave the program running until the engine's
# SIGKILL). The times are printed: on a loaded machine Podman spends seconds
# on its own bookkeeping even for a container that has already ended.
t0=$(now_ms)
kill -TERM "$pid"
while ! process_gone "$pid"; do
  [ $(($(now_ms) - t0)) -lt 10000 ] || fail "the container did not end within 10 s of SIGTERM"
  sleep 0.01
done
term_ms=$(($(now_ms) - t0))
t1=$(now_ms)
"$ENGINE" stop -t 10 "$cid" >/dev/null
ended_ms=$(($(now_ms) - t1))
code=$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$cid")
echo "SIGTERM to the end of the container: ${term_ms} ms (exit status $code); podman stop of the ended container: ${ended_ms} ms (load $(cut -d' ' -f1 /proc/loadavg))"
[ "$code" = 0 ] || fail "exrelease exited with $code on SIGTERM"
# `podman stop` of a running container, as a user stops it: Podman's own
# work (its start, runc kill, then the cleanup it does before returning:
# for a published port the CNI teardown, bridge, portmap, firewall and
# tuning plugins and their iptables calls; runc delete, unmount) beside ours.
# Without a network (--network=none) there is no CNI teardown; the launcher's
# probe checks the server from inside (the image has no shell, no curl).
port=$(free_port)
cid=$("$ENGINE" run -d --read-only -p "127.0.0.1:$port:8080" -e APP_PORT=8080 \
  -e "SECRET_KEY_BASE=$secret" "$scratch")
containers="$containers $cid"
expect_health_ok "$port" "$cid"
t0=$(now_ms)
"$ENGINE" stop -t 10 "$cid" >/dev/null
stop_port_ms=$(($(now_ms) - t0))
cid=$("$ENGINE" run -d --read-only --network=none -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "$scratch")
containers="$containers $cid"
i=0
until "$ENGINE" exec "$cid" /opt/exrelease/bin/exrelease probe http://127.0.0.1:8080/health >/dev/null 2>&1; do
  i=$((i + 1))
  [ "$i" -lt 300 ] || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer in the --network=none container"; }
  sleep 0.1
done
t0=$(now_ms)
"$ENGINE" stop -t 10 "$cid" >/dev/null
stop_none_ms=$(($(now_ms) - t0))
[ "$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$cid")" = 0 ] || fail "the --network=none container did not exit 0 on podman stop"
echo "podman stop wall time, running container: ${stop_port_ms} ms with a published port (CNI), ${stop_none_ms} ms with --network=none (load $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores)"

# On the distroless stand-in.
port=$(free_port)
cid=$("$ENGINE" run -d --read-only -p "127.0.0.1:$port:8080" -e APP_PORT=8080 \
  -e "SECRET_KEY_BASE=$secret" "$distroless")
containers="$containers $cid"
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "/health did not answer on the distroless stand-in"; }
curl -sf "http://127.0.0.1:$port/health" | grep -q '"status":"ok"' || fail "/health is not ok on the distroless stand-in"
pid=$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "exrelease runs as uid $(stat -c %u "/proc/$pid") on the distroless stand-in"
"$ENGINE" stop -t 10 "$cid" >/dev/null
echo "distroless stand-in: /health ok as uid 65532"

size_scratch=$("$ENGINE" image inspect -f '{{.Size}}' "$scratch")
size_slim=$("$ENGINE" image inspect -f '{{.Size}}' "$slim")
rel_bytes=$(du -sb "$bld/release/exrelease" | cut -f1)
echo "sizes: FROM scratch $size_scratch B; FROM debian:bookworm-slim $size_slim B; the release directory $rel_bytes B"
echo PASS
