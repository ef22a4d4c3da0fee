# Toolchain file for riscv64-linux-gnu (Debian's g++-riscv64-linux-gnu). See linux-gnu.cmake.
set(RELEASE_TARGET_TRIPLE riscv64-linux-gnu)
include("${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake")
