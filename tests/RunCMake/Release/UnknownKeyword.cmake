add_executable(prog main.cpp)
add_release(app BOGUS value TARGETS prog)
