# An unbalanced [ makes CMake join two list items: refused, not passed on as one.
add_executable(prog main.cpp)
add_release(app TARGETS prog ARGS "--pattern=[a-" "--other")
