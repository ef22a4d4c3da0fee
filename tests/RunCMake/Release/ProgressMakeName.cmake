# A release named like a file CMake's Makefile generator writes for the
# `release` target (CMakeFiles/release.dir/progress.make): the release's work
# directory (_release/<name>) must not be inside that target's directory.
add_executable(prog main.cpp)
add_release(progress.make TARGETS prog)
