# An overlay with tmp/, where the daemon keeps its pid file and log.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/overlay/tmp/seed.txt" "seed\n")
add_executable(prog main.cpp)
add_release(app TARGETS prog OVERLAYS "${CMAKE_CURRENT_BINARY_DIR}/overlay")
