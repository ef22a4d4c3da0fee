# Toolchain file for arm-linux-gnueabihf (Debian's g++-arm-linux-gnueabihf). See linux-gnu.cmake.
set(RELEASE_TARGET_TRIPLE arm-linux-gnueabihf)
include("${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake")
