add_executable(prog main.cpp)
target_compile_options(prog PRIVATE -g)
target_link_options(prog PRIVATE -Wl,--build-id=none)
add_release(app TARGETS prog DEBUG_SYMBOLS SPLIT NO_SYSTEMD)
