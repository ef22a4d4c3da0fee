# patchelf is found, readelf is not (neither CMAKE_READELF nor on the path).
add_executable(prog main.cpp)
find_program(RELEASE_PATCHELF patchelf)
set(CMAKE_READELF "")
set(CMAKE_FIND_ROOT_PATH "${CMAKE_CURRENT_BINARY_DIR}/empty")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM ONLY)
add_release(app TARGETS prog)
