# A base layout with images for other platforms only (never read further).
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/base/index.json" [[{"schemaVersion": 2, "manifests": [
  {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:00", "size": 1, "platform": {"architecture": "arm64", "os": "linux"}},
  {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:01", "size": 1, "platform": {"architecture": "s390x", "os": "linux"}}]}]])
add_oci_image(app RELEASE app BASE "${CMAKE_CURRENT_BINARY_DIR}/base")
