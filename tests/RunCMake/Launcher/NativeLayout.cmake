# A native release with an entry point and a task: what it holds and records.
enable_language(CXX)
add_executable(prog main.cpp)
add_executable(tool main.cpp)
add_release(app TARGETS prog tool ENTRY_POINTS tool LAUNCHER native
  BEFORE_START "tool --init 'a b'")
file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/properties.txt" CONTENT
  "$<TARGET_PROPERTY:release-app,RELEASE_LAUNCHER>|$<TARGET_PROPERTY:release-app,RELEASE_ENTRY_POINTS>\n")
