add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog PREFIX "${CMAKE_BINARY_DIR}/app")
