add_executable(prog main.cpp)
set(CMAKE_STRIP "")
add_release(app TARGETS prog DEBUG_SYMBOLS SPLIT)
