# An unpaired quote would be taken literally by the word splitting: refused.
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog BEFORE_START "prog --name 'my app")
