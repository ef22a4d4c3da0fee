# Each entry point once.
enable_language(CXX)
add_executable(prog main.cpp)
add_executable(tool main.cpp)
add_release(app TARGETS prog tool ENTRY_POINTS tool tool)
