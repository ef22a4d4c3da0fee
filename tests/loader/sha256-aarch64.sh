# loader.sha256-aarch64: loader.sha256 (tests/loader/sha256.sh) with the
# helper built for arm64 and run under qemu-user: ARMv8's SHA2 block
# function, and the portable one.
sha256_arch=arm64
. "$CMAKE_RELEASE_SOURCE_DIR/tests/loader/sha256.sh"
