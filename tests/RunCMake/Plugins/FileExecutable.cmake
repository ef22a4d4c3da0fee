# A FILES entry that is a (position-independent) executable: dlopen() refuses it.
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog)
add_release_plugins(app DESTINATION libexec/plugins FILES "${CMAKE_CURRENT_BINARY_DIR}/prog")
