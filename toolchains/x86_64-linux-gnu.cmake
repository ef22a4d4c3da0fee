# Toolchain file for x86_64-linux-gnu (Debian's g++-x86_64-linux-gnu). See linux-gnu.cmake.
set(RELEASE_TARGET_TRIPLE x86_64-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake")
