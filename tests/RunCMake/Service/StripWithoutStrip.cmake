add_executable(prog main.cpp)
set(CMAKE_STRIP "")
add_release(app TARGETS prog STRIP)
