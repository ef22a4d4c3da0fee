# An overlay whose lib is a symbolic link (into the build machine).
file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/overlay")
file(CREATE_LINK /usr/lib "${CMAKE_CURRENT_BINARY_DIR}/overlay/lib" SYMBOLIC)
add_executable(prog main.cpp)
add_release(app TARGETS prog OVERLAYS "${CMAKE_CURRENT_BINARY_DIR}/overlay")
