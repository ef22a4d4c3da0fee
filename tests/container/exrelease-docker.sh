# CTest wrapper: tests/container/exrelease.sh on docker.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/exrelease.sh" docker
