# Helpers of the OCI image tests (sourced after tests/lib.sh).
#
# The fixture oci.build makes, in $OCI_SHARED:
#   base/            an OCI layout of the local debian:bookworm-slim (skopeo)
#   a/ b/            two build trees of examples/exrelease at different paths
#                    (b from a copy of the repository's parts at another path),
#                    each with exrelease.oci.tar and the CPack TGZ, built with
#                    docker, podman and buildah hidden from PATH
OCI_SHARED=$TEST_SHARED_DIR/oci
# shellcheck disable=SC2034 # used by the tests that source this file
OCI_BASE_IMAGE=docker.io/library/debian:bookworm-slim
# Names in the shared engines start with oci-.
# shellcheck disable=SC2034 # used by the tests that source this file
OCI_TAG=oci-exrelease:test

# oci_need_builds: fails unless the fixture built both trees.
oci_need_builds() {
  if [ -f "$OCI_SHARED/skipped" ]; then skip "oci.build skipped: $(cat "$OCI_SHARED/skipped")"; fi
  for t in a b; do
    [ -f "$OCI_SHARED/$t/exrelease.oci.tar" ] || fail "no $OCI_SHARED/$t/exrelease.oci.tar: the fixture oci.build must pass first"
  done
}

# oci_engine_free_path <dir>: prints a PATH like the current one in which
# docker, podman and buildah cannot be found: each PATH directory holding one
# of them is replaced by a directory of links to everything else in it.
oci_engine_free_path() {
  _out=$1 _new="" _i=0
  rm -rf "$_out"
  _old_ifs=$IFS
  IFS=:
  for _d in $PATH; do
    IFS=$_old_ifs
    _i=$((_i + 1))
    if [ -e "$_d/docker" ] || [ -e "$_d/podman" ] || [ -e "$_d/buildah" ]; then
      mkdir -p "$_out/$_i"
      find "$_d" -mindepth 1 -maxdepth 1 ! -name docker ! -name podman ! -name buildah \
        -exec ln -s {} "$_out/$_i/" \;
      _d=$_out/$_i
    fi
    _new=${_new:+$_new:}$_d
  done
  IFS=$_old_ifs
  printf '%s\n' "$_new"
}

# oci_manifest_digest <archive>: the digest of the image manifest the index names.
oci_manifest_digest() {
  tar -xOf "$1" index.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["manifests"][0]["digest"])'
}

# oci_layer_digests <archive>: the manifest's layer digests, one per line.
oci_layer_digests() {
  _m=$(oci_manifest_digest "$1" | sed 's,:,/,')
  tar -xOf "$1" "blobs/$_m" | python3 -c 'import json,sys; [print(l["digest"]) for l in json.load(sys.stdin)["layers"]]'
}
