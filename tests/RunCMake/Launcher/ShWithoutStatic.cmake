# A sh release where static linking fails still builds: without the launcher
# that its probe command uses (which then says so).
enable_language(CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog)
