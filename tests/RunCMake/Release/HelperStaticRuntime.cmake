# add_release() builds its helper (no RELEASE_LOADER) with the project's
# compiler, which has the static C++ runtime: the helper is linked with it.
unset(RELEASE_LOADER CACHE)
add_executable(prog main.cpp)
add_release(app TARGETS prog)
