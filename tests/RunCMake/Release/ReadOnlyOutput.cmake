# An output directory that cannot be made (sysfs refuses mkdir, even to root).
add_executable(prog main.cpp)
add_release(app TARGETS prog OUTPUT_DIRECTORY /sys/cmake-release-out)
