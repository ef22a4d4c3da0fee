add_executable(prog main.cpp)
add_executable(prog2 main.cpp)
set_target_properties(prog2 PROPERTIES OUTPUT_NAME prog RUNTIME_OUTPUT_DIRECTORY other)
add_release(app TARGETS prog prog2)
