#!/bin/sh
# tests/oci/base-image.sh <image>: prints the name under which skopeo can copy
# <image> out of Podman's store (containers-storage:<name>). Once
# container.prepare-arm64 has run, the official name is a manifest list (this
# machine's image and an arm64 one), which skopeo cannot copy out of
# containers-storage; this machine's image then keeps a name of its own
# (localhost/cmake-release-base/<repository>:<tag>-<arch>, ENVIRONMENT.md).
# Used by tests/oci/build.sh and tests/benchmarks/run.
set -eu
image=$1
repo=${image#docker.io/library/}
native=localhost/cmake-release-base/$repo-$(dpkg --print-architecture)
if podman manifest exists "$image" 2>/dev/null && podman image exists "$native"; then
  echo "$native"
else
  echo "$image"
fi
