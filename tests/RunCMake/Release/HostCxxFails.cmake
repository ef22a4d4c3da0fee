# add_release() has to build its helper (no RELEASE_LOADER), with a "compiler"
# that fails.
unset(RELEASE_LOADER CACHE)
add_executable(prog main.cpp)
set(CMAKE_CXX_COMPILER "")
set(RELEASE_HOST_CXX /bin/false CACHE FILEPATH "")
add_release(app TARGETS prog)
