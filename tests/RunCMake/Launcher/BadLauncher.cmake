# LAUNCHER takes native or sh.
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog LAUNCHER bash)
