# A toolchain that cannot link statically (Fedora without glibc-static): the
# check's result is given in the cache (NativeWithoutStatic-args.txt).
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog LAUNCHER native)
