# A prebuilt helper that is not there.
add_executable(prog main.cpp)
set(RELEASE_LOADER "${CMAKE_CURRENT_BINARY_DIR}/no-such-release-loader")
add_release(app TARGETS prog)
