# CTest wrapper: tests/container/gitversion.sh on docker.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/gitversion.sh" docker
