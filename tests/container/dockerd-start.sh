# CTest wrapper of `tests/container/dockerd start` (fixture docker-engine).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/dockerd" start
