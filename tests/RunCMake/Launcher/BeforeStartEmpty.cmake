# A task of white space only is no command.
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog BEFORE_START "  ")
