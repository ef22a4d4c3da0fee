# add_release() has to build its helper (no RELEASE_LOADER), and finds no C++
# compiler for the build machine: the project's is hidden, and find_program()
# looks nowhere.
unset(RELEASE_LOADER CACHE)
add_executable(prog main.cpp)
find_program(RELEASE_PATCHELF patchelf)
find_program(RELEASE_READELF readelf)
set(CMAKE_CXX_COMPILER "")
set(CMAKE_FIND_USE_SYSTEM_ENVIRONMENT_PATH FALSE)
set(CMAKE_FIND_USE_CMAKE_SYSTEM_PATH FALSE)
add_release(app TARGETS prog)
