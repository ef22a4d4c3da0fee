add_executable(prog main.cpp)
add_release(app TARGETS prog ARGS --tmp $RELEASE_TMP/x)
