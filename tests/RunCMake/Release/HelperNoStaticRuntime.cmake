# The build machine's compiler has no static C++ runtime (Fedora without
# libstdc++-static): the helper is linked as usual instead, and works.
unset(RELEASE_LOADER CACHE)
add_executable(prog main.cpp)
set(CMAKE_CXX_COMPILER "")
set(wrapper "${CMAKE_CURRENT_BINARY_DIR}/c++-no-static-runtime")
file(WRITE "${wrapper}" [[#!/bin/sh
for a in "$@"; do
  case $a in -static-libstdc++) echo "cannot find -lstdc++ (no libstdc++.a)" >&2; exit 1 ;; esac
done
exec c++ "$@"
]])
file(CHMOD "${wrapper}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(RELEASE_HOST_CXX "${wrapper}" CACHE FILEPATH "")
add_release(app TARGETS prog)
