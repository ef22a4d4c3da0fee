# container.exrelease.<engine>: the exrelease image, built through its
# container-image-exrelease target on the engine named by $1 (podman, the
# default, or docker), then run the way an operator would:
#   - `run -p` with APP_PORT and SECRET_KEY_BASE answers /health from the host,
#     after the migrations ran (its BEFORE_START);
#   - the program is PID 1, runs as uid 65532, and the release is root's;
#   - `stop` ends it well within the engine's 10 s grace (SIGTERM reached it);
#   - it works with --read-only;
#   - without SECRET_KEY_BASE the container exits non-zero naming the variable;
#   - the runtime stage adds one layer (the release) to the runtime base;
#   - after a one-line source change the rebuild reuses the package layer.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"

. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
use_engine "${1:-podman}"
need_cmd curl curl

image=exrelease:0.1.0
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
containers=""
cleanup() {
  for c in $containers; do "$ENGINE" rm -f "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

example_context exrelease

unset RELEASE_CONTAINER_ENGINE

t0=$(now_ms)
configure_and_build "$ctx/examples/exrelease" "$bld" container-image-exrelease "$ENGINE_CACHE_ARG"
first_ms=$(($(now_ms) - t0))
grep -q "add_container_image(exrelease): building $image with .*${ENGINE##*/}$" "$bld.build.log" \
  || { cat "$bld.build.log" >&2; fail "the image was not built with $ENGINE"; }
echo "first build: ${first_ms} ms"

[ "$("$ENGINE" image inspect -f '{{.Config.User}}' "$image")" = 65532:65532 ] || fail "image USER is not 65532:65532"
[ "$("$ENGINE" image inspect -f '{{.Config.StopSignal}}' "$image")" = SIGTERM ] || fail "image STOPSIGNAL is not SIGTERM"

# --- run -p, /health, migrations, uid, PID 1 -------------------------------
port=$(free_port)
cid=$("$ENGINE" run -d -p "127.0.0.1:$port:8080" -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "$image")
containers="$containers $cid"
expect_health_ok "$port" "$cid"
"$ENGINE" logs "$cid" >"$TEST_WORK_DIR/run.log" 2>&1
if ! grep -q "migration(s) applied" "$TEST_WORK_DIR/run.log"; then
  cat "$TEST_WORK_DIR/run.log" >&2
  fail "the migrations (BEFORE_START) did not run before start"
fi

pid=$("$ENGINE" inspect -f '{{.State.Pid}}' "$cid")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "the program runs as uid $(stat -c %u "/proc/$pid"), not 65532"
exe=$(readlink "/proc/$pid/exe")
case $exe in
  */opt/exrelease/libexec/exrelease) ;;
  *) fail "PID 1 of the container is $exe, not the program (the control script must exec it)" ;;
esac

# --- stop: SIGTERM reaches the program ------------------------------------
# A program that ignored SIGTERM would be killed after the 10 s of -t 10 and
# end with 137: exit status 0 is the program's own exit on SIGTERM. The time
# is printed, not asserted (on a loaded machine the engine's own work took
# over 5 s).
t0=$(now_ms)
"$ENGINE" stop -t 10 "$cid" >/dev/null
stop_ms=$(($(now_ms) - t0))
code=$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$cid")
echo "${1:-podman} stop: ${stop_ms} ms, exit status $code (load $(cut -d' ' -f1 /proc/loadavg))"
[ "$code" != 137 ] || fail "${1:-podman} stop killed the program after 10 s: SIGTERM did not stop it"
[ "$code" = 0 ] || fail "the program exited with $code after SIGTERM"

# --- read-only root filesystem --------------------------------------------
port=$(free_port)
# Docker gives /tmp (RELEASE_TMP) no tmpfs by itself; Podman does.
cid=$("$ENGINE" run -d --read-only --tmpfs /tmp -p "127.0.0.1:$port:8080" -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "$image")
containers="$containers $cid"
wait_http "http://127.0.0.1:$port/health" 30 || { "$ENGINE" logs "$cid" >&2; fail "--read-only: /health did not answer"; }
health=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/health" | tr -d '\n')
case $health in
  *' 200') ;;
  *) "$ENGINE" logs "$cid" >&2; fail "--read-only: /health is $health" ;;
esac
"$ENGINE" stop -t 10 "$cid" >/dev/null
echo "--read-only: /health $health"

# --- missing SECRET_KEY_BASE ----------------------------------------------
rc=0
timeout 60 "$ENGINE" run --rm -e APP_PORT=8080 "$image" >"$TEST_WORK_DIR/nosecret.log" 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "the container started without SECRET_KEY_BASE"
[ "$rc" != 124 ] || fail "the container without SECRET_KEY_BASE did not exit within 60 s"
grep -q SECRET_KEY_BASE "$TEST_WORK_DIR/nosecret.log" \
  || { cat "$TEST_WORK_DIR/nosecret.log" >&2; fail "the log of the failed start does not name SECRET_KEY_BASE"; }
echo "without SECRET_KEY_BASE: exit $rc, $(grep SECRET_KEY_BASE "$TEST_WORK_DIR/nosecret.log" | head -n 1)"

# --- the release is root's and read-only to the app user ------------------
owner=$("$ENGINE" run --rm --entrypoint /bin/sh "$image" -c 'stat -c %u /opt/exrelease/bin/exrelease')
[ "$owner" = 0 ] || fail "the release belongs to uid $owner, not root"
if "$ENGINE" run --rm --entrypoint /bin/sh "$image" -c 'touch /opt/exrelease/bin/x' >/dev/null 2>&1; then
  fail "the app user can write into the release"
fi

# --- one layer on top of the runtime base, and the sizes -------------------
base=debian:bookworm-slim
# Layers with content: Docker 20.10's BuildKit also records WORKDIR as a
# layer, the empty one (the digest of an empty tar), which holds no file.
empty=sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef
layers() { "$ENGINE" image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' "$1" | grep -cvx -e "$empty" -e ''; }
ours=$(layers "$image")
theirs=$(layers "$base")
[ "$ours" = $((theirs + 1)) ] || fail "the image has $ours layers with content, the runtime base $theirs: the runtime stage should add exactly one"
size=$("$ENGINE" image inspect -f '{{.Size}}' "$image")
base_size=$("$ENGINE" image inspect -f '{{.Size}}' "$base")
release_bytes=$("$ENGINE" run --rm --entrypoint /bin/sh "$image" -c 'du -sb /opt/exrelease | cut -f1')
echo "sizes: image $size B, runtime base $base_size B, added $((size - base_size)) B, release $release_bytes B"

# --- a one-line source change: the package layer comes from the cache ------
old_id=$("$ENGINE" image inspect -f '{{.Id}}' "$image")
rebuild_after_edit "$ctx/examples/exrelease/src/main.cpp" container-image-exrelease
echo "rebuild after a one-line change: ${rebuild_ms} ms (first build ${first_ms} ms)"
new_id=$("$ENGINE" image inspect -f '{{.Id}}' "$image")
[ "$new_id" != "$old_id" ] || fail "the rebuild produced the same image"
echo "PASS"
