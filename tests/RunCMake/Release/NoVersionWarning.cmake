# project() without VERSION, no VERSION: the release falls back to 0.0.0, with a warning.
project(NoVersion LANGUAGES CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog)
