# 250 characters pass the character check, then make file names too long.
add_executable(prog main.cpp)
string(REPEAT "a" 250 name)
add_release(${name} TARGETS prog)
