# No patchelf where add_release() looks (an empty find root).
add_executable(prog main.cpp)
set(CMAKE_FIND_ROOT_PATH "${CMAKE_CURRENT_BINARY_DIR}/empty")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM ONLY)
add_release(app TARGETS prog)
