add_executable(prog main.cpp)
add_library(lib STATIC lib.cpp)
add_release(app TARGETS prog LIBRARIES lib)
