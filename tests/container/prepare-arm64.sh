# CTest wrapper: the arm64 base images and the manifest lists the arm64 image
# test needs (prepare-engine --arch arm64), after container.prepare-engine and
# the qemu registration of tests/cross.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/prepare-engine" --arch arm64
