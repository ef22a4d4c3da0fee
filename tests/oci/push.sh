# oci.push: the documented push — skopeo copy oci-archive:… docker://… — to a
# real registry (Debian's docker-registry on a loopback port, started and
# stopped by this test), then podman pull from there and run.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
oci_need_builds
need_cmd docker-registry docker-registry
need_cmd skopeo skopeo
need_cmd curl curl
archive=$OCI_SHARED/a/exrelease.oci.tar

port=$(free_port)
store=$TEST_WORK_DIR/registry
rm -rf "$store" && mkdir -p "$store"
cat >"$TEST_WORK_DIR/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $store
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$TEST_WORK_DIR/registry.yml" >"$TEST_WORK_DIR/registry.log" 2>&1 &
registry_pid=$!
ref=127.0.0.1:$port/oci-push/exrelease:0.1.0
name=oci-push-$$
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || :
  podman rmi "$ref" >/dev/null 2>&1 || :
  kill "$registry_pid" 2>/dev/null || :
  wait "$registry_pid" 2>/dev/null || :
}
trap cleanup EXIT
wait_http "http://127.0.0.1:$port/v2/" 20 || { cat "$TEST_WORK_DIR/registry.log" >&2; fail "the registry did not answer"; }

# The command of docs/add_oci_image.md, "Push".
skopeo copy --dest-tls-verify=false "oci-archive:$archive" "docker://$ref" >"$TEST_WORK_DIR/push.log" 2>&1 \
  || { cat "$TEST_WORK_DIR/push.log" >&2; fail "skopeo copy to the registry failed"; }
digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$ref") || fail "skopeo inspect of the pushed image failed"
want=$(oci_manifest_digest "$archive")
echo "pushed $ref: $digest (archive: $want)"
[ "$digest" = "$want" ] || fail "the registry holds another manifest ($digest) than the archive's ($want)"

podman pull --tls-verify=false "$ref" >"$TEST_WORK_DIR/pull.log" 2>&1 || { cat "$TEST_WORK_DIR/pull.log" >&2; fail "podman pull failed"; }
hport=$(free_port)
podman run -d --name "$name" --read-only -p "127.0.0.1:$hport:8080" -e APP_PORT=8080 \
  -e "SECRET_KEY_BASE=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$ref" >/dev/null || fail "podman run failed"
wait_http "http://127.0.0.1:$hport/health" 30 || { podman logs "$name" >&2; fail "/health did not answer"; }
case $(curl -s "http://127.0.0.1:$hport/health") in *'"status":"ok"'*) ;; *) fail "/health is not ok" ;; esac
echo "pulled by podman from the registry; /health ok"
