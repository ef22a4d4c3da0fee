add_executable(prog ../Release/main.cpp)
add_library(plug MODULE ../Release/lib.cpp)
add_release(app TARGETS prog)
add_release_plugins(app PLUGINS plug DESTINATION libexec TARGETS plug)
