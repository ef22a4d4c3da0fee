# DEBUG_SYMBOLS SPLIT with an objcopy that fails.
add_executable(prog main.cpp)
target_compile_options(prog PRIVATE -g)
set(RELEASE_OBJCOPY /bin/false CACHE FILEPATH "")
add_release(app TARGETS prog DEBUG_SYMBOLS SPLIT NO_SYSTEMD)
