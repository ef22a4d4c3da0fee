# STRIP with a strip program that fails.
add_executable(prog main.cpp)
set(CMAKE_STRIP /bin/false)
add_release(app TARGETS prog STRIP)
