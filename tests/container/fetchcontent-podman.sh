# CTest wrapper: tests/container/fetchcontent.sh on podman.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/fetchcontent.sh" podman
