# CTest wrapper: tests/container/fetchcontent.sh on docker.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent.sh" docker
