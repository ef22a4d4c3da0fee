add_executable(tool IMPORTED)
add_release(app TARGETS tool)
