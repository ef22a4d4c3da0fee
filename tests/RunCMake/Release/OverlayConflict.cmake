# An overlay that would replace the control script.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/overlay/bin/app" "#!/bin/sh\n")
add_executable(prog main.cpp)
add_release(app TARGETS prog OVERLAYS "${CMAKE_CURRENT_BINARY_DIR}/overlay")
