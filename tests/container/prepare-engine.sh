# CTest wrapper of prepare-engine (which is also usable on its own, e.g. by .ci/run).
. "$CMAKE_RELEASE_SOURCE_DIR/tests/lib.sh"
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/prepare-engine"
