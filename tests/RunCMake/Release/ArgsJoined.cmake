# An unbalanced [ in ARGS would make CMake join two list items: refused by the
# check every argument of add_release() gets.
add_executable(prog main.cpp)
add_release(app TARGETS prog ARGS "--pattern=[a-" "--other")
