# A FILES entry that nothing makes.
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog)
add_release_plugins(app DESTINATION libexec FILES libgone.so)
