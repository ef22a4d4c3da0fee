add_executable(prog main.cpp)
add_release(app TARGETS prog SYSTEMD_STOP_TIMEOUT 1.5)
