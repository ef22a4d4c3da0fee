# IMPORTED_LOCATION names a directory.
add_executable(tool IMPORTED)
set_target_properties(tool PROPERTIES IMPORTED_LOCATION "${CMAKE_CURRENT_SOURCE_DIR}")
add_release(app TARGETS tool)
