# bin/<program> of a program named like the release would replace bin/<name>.
enable_language(CXX)
add_executable(app main.cpp)
add_release(app TARGETS app ENTRY_POINTS app)
