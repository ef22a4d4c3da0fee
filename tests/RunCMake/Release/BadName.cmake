add_executable(prog main.cpp)
add_release("my app" TARGETS prog)
