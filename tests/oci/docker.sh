# oci.docker: the engine-free archive of oci.build loaded into a real Docker
# 20.10 daemon (docker load reads its manifest.json) runs the release:
# /health answers, the program runs as uid 65532 with a read-only root.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/container/lib.sh"
oci_need_builds
need_docker
need_cmd curl curl
archive=$OCI_SHARED/a/exrelease.oci.tar
name=oci-docker-$$
cleanup() {
  "$DOCKER" rm -f "$name" >/dev/null 2>&1 || :
  "$DOCKER" rmi "$OCI_TAG" >/dev/null 2>&1 || :
}
trap cleanup EXIT

"$DOCKER" version --format '{{.Server.Version}}' | tee "$TEST_WORK_DIR/version"
"$DOCKER" load -i "$archive" >"$TEST_WORK_DIR/load.log" 2>&1 || { cat "$TEST_WORK_DIR/load.log" >&2; fail "docker load failed"; }
grep -q "Loaded image: $OCI_TAG" "$TEST_WORK_DIR/load.log" || { cat "$TEST_WORK_DIR/load.log" >&2; fail "docker load did not name the image $OCI_TAG"; }
[ "$("$DOCKER" image inspect -f '{{.Config.User}}' "$OCI_TAG")" = 65532:65532 ] || fail "image USER is not 65532:65532"

port=$(free_port)
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
# Docker's --read-only gives no writable /tmp of its own (Podman's does).
"$DOCKER" run -d --name "$name" --read-only --tmpfs /tmp -p "127.0.0.1:$port:8080" \
  -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "$OCI_TAG" >/dev/null || fail "docker run failed"
wait_http "http://127.0.0.1:$port/health" 30 || { "$DOCKER" logs "$name" >&2; fail "/health did not answer within 30 s"; }
health=$(curl -s "http://127.0.0.1:$port/health")
echo "GET /health: $health"
case $health in *'"status":"ok"'*) ;; *) fail "/health is not ok: $health" ;; esac
pid=$("$DOCKER" inspect -f '{{.State.Pid}}' "$name")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "the program runs as uid $(stat -c %u "/proc/$pid")"
[ "$("$DOCKER" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] || fail "not run with a read-only root"
if "$DOCKER" exec "$name" sh -c 'touch /opt/exrelease/x' 2>/dev/null; then fail "the root file system is writable"; fi
"$DOCKER" stop -t 10 "$name" >/dev/null
echo "docker $(cat "$TEST_WORK_DIR/version"): loaded, ran read-only as uid 65532, /health ok"
