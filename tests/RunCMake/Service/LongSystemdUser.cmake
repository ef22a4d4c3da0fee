add_executable(prog main.cpp)
add_release(app TARGETS prog SYSTEMD_USER a234567890123456789012345678901234)
