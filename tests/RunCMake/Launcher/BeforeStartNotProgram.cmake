# A task runs a program of the release, not a command of the system.
enable_language(CXX)
add_executable(prog main.cpp)
add_executable(migrate main.cpp)
add_release(app TARGETS prog migrate BEFORE_START "migrate --up" "rm -rf /tmp/x")
