# CTest wrapper of `tests/container/dockerd stop` (cleanup of docker-engine):
# stops the daemon only when dockerd-start started it.
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/dockerd" stop
