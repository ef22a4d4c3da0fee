add_executable(prog main.cpp)
add_release(app TARGETS prog PREFIX "${CMAKE_BINARY_DIR}/app")
