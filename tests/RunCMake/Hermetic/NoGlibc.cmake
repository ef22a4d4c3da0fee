# RELEASE_GLIBC_DIR names a directory without libc.so.6.
add_executable(prog main.cpp)
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/no-glibc")
set(RELEASE_GLIBC_DIR "${CMAKE_BINARY_DIR}/no-glibc")
add_release(app TARGETS prog HERMETIC)
