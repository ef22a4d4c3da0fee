# A FILES entry that is a text file (checked at build time).
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog)
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/libnot.so" "not ELF\n")
add_release_plugins(app DESTINATION libexec FILES "${CMAKE_CURRENT_BINARY_DIR}/libnot.so")
