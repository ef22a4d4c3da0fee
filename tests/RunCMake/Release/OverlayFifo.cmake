# An overlay holding a named pipe: neither a regular file nor a directory.
file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/overlay/var")
execute_process(COMMAND mkfifo "${CMAKE_CURRENT_BINARY_DIR}/overlay/var/pipe" COMMAND_ERROR_IS_FATAL ANY)
add_executable(prog main.cpp)
add_release(app TARGETS prog OVERLAYS "${CMAKE_CURRENT_BINARY_DIR}/overlay")
