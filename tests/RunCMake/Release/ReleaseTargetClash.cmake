add_executable(prog main.cpp)
add_custom_target(release)
add_release(app TARGETS prog)
