# IMPORTED_LOCATION names a file that does not exist (outside the build tree).
add_executable(tool IMPORTED)
set_target_properties(tool PROPERTIES IMPORTED_LOCATION /nonexistent/bin/tool)
add_release(app TARGETS tool)
