# An ENV_HOOK that is not valid sh: the build stops naming the hook (it is
# the user's mistake, not a bug of cmake-release) and the release is not made.
add_executable(prog main.cpp)
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/hook.sh.in" "if [ -n \"$X\" ]; then\n  X=1\n")
add_release(app TARGETS prog ENV_HOOK "${CMAKE_CURRENT_BINARY_DIR}/hook.sh.in")
