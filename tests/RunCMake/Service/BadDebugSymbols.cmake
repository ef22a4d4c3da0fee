add_executable(prog main.cpp)
add_release(app TARGETS prog DEBUG_SYMBOLS FULL)
