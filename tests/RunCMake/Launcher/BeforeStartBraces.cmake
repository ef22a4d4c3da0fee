# Only $RELEASE_ROOT and $RELEASE_DATA without braces are expanded in a task, as in ARGS.
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog BEFORE_START [[prog --db ${RELEASE_DATA}/db]])
