# LIBRARIES names an x86_64 shared object in an aarch64 release.
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog LIBRARIES /lib/x86_64-linux-gnu/libz.so.1)
