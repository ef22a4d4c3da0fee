add_library(lib STATIC lib.cpp)
add_release(app TARGETS lib)
