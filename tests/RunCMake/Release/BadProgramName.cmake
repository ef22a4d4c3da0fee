add_executable(prog main.cpp)
set_target_properties(prog PROPERTIES OUTPUT_NAME "my prog")
add_release(app TARGETS prog)
