# oci.podman: the engine-free archive of oci.build loaded into Podman
# (podman load) runs the release: /health answers from the host, the program
# is PID 1 as uid 65532 with a read-only root; skopeo reads the archive too.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
. "$CMAKE_RELEASE_SOURCE_DIR/tests/oci/lib.sh"
oci_need_builds
need_cmd curl curl
archive=$OCI_SHARED/a/exrelease.oci.tar
name=oci-podman-$$
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || :
  podman rmi "localhost/$OCI_TAG" >/dev/null 2>&1 || :
}
trap cleanup EXIT

skopeo inspect "oci-archive:$archive" >"$TEST_WORK_DIR/inspect.json" || fail "skopeo cannot read $archive"
podman load -i "$archive" >"$TEST_WORK_DIR/load.log" 2>&1 || { cat "$TEST_WORK_DIR/load.log" >&2; fail "podman load failed"; }
grep -q "localhost/$OCI_TAG" "$TEST_WORK_DIR/load.log" || { cat "$TEST_WORK_DIR/load.log" >&2; fail "podman load did not name the image $OCI_TAG"; }
[ "$(podman image inspect -f '{{.Config.User}}' "localhost/$OCI_TAG")" = 65532:65532 ] || fail "image USER is not 65532:65532"

port=$(free_port)
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
podman run -d --name "$name" --read-only -p "127.0.0.1:$port:8080" \
  -e APP_PORT=8080 -e "SECRET_KEY_BASE=$secret" "localhost/$OCI_TAG" >/dev/null \
  || fail "podman run failed"
wait_http "http://127.0.0.1:$port/health" 30 || { podman logs "$name" >&2; fail "/health did not answer within 30 s"; }
health=$(curl -s "http://127.0.0.1:$port/health")
echo "GET /health: $health"
case $health in *'"status":"ok"'*) ;; *) fail "/health is not ok: $health" ;; esac
pid=$(podman inspect -f '{{.State.Pid}}' "$name")
[ "$(stat -c %u "/proc/$pid")" = 65532 ] || fail "the program runs as uid $(stat -c %u "/proc/$pid")"
case $(readlink "/proc/$pid/exe") in
  */opt/exrelease/libexec/exrelease) ;;
  *) fail "PID 1 is $(readlink "/proc/$pid/exe"), not the program" ;;
esac
if podman exec "$name" sh -c 'touch /opt/exrelease/x' 2>/dev/null; then fail "the root file system is writable"; fi
[ "$(podman inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] || fail "not run with a read-only root"
# Scanners' view: the dpkg status stanza of the bundled libssl3.
podman exec "$name" sh -c 'cat /var/lib/dpkg/status.d/libssl3' >"$TEST_WORK_DIR/libssl3" || fail "no status.d/libssl3 in the image"
want="Version: $(dpkg-query -W -f='${Version}' "libssl3:$(dpkg --print-architecture)")"
grep -q -x -F "$want" "$TEST_WORK_DIR/libssl3" || fail "status.d/libssl3 does not say '$want'"
podman stop -t 10 "$name" >/dev/null
echo "podman: loaded, ran read-only as uid 65532, /health ok"
