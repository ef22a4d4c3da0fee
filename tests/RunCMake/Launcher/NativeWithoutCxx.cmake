# The native launcher is compiled with the project's C++ compiler: a C project has none.
enable_language(C)
add_executable(prog main.c)
add_release(app TARGETS prog LAUNCHER native)
