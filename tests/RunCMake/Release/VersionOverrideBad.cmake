add_executable(prog main.cpp)
add_release(app TARGETS prog)
