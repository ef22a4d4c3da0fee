add_executable(prog main.cpp)
add_release(app TARGETS prog NO_SYSTEMD SYSTEMD_USER svc)
