add_executable(prog main.cpp)
add_custom_target(release-app)
add_release(app TARGETS prog)
