# Toolchain file for aarch64-linux-gnu (Debian's g++-aarch64-linux-gnu). See linux-gnu.cmake.
set(RELEASE_TARGET_TRIPLE aarch64-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake")
