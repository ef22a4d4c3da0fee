# ENTRY_POINTS names programs of TARGETS (file names, as eval knows them).
enable_language(CXX)
add_executable(prog main.cpp)
add_executable(tool main.cpp)
add_release(app TARGETS prog tool ENTRY_POINTS tool psql)
