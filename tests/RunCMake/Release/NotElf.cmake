# An IMPORTED "program" that is a shell script: found, but not ELF.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/tool" "#!/bin/sh\necho hi\n")
add_executable(tool IMPORTED)
set_target_properties(tool PROPERTIES IMPORTED_LOCATION "${CMAKE_CURRENT_BINARY_DIR}/tool")
add_release(app TARGETS tool)
