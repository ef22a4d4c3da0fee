add_executable(prog ../Release/main.cpp)
add_library(plug MODULE ../Release/lib.cpp)
add_release(app TARGETS prog)
add_release_plugins(app DESTINATION releases TARGETS plug)
