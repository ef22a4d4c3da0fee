# An empty VERSION would silently fall back to the project version.
add_executable(prog main.cpp)
add_release(app TARGETS prog VERSION "")
