# The program needs libgone.so, which lives where no search path reaches.
add_library(gone SHARED lib.cpp)
set_target_properties(gone PROPERTIES LIBRARY_OUTPUT_DIRECTORY hidden)
add_executable(prog main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
target_link_libraries(prog PRIVATE gone)
set_target_properties(prog PROPERTIES SKIP_BUILD_RPATH ON)
add_release(app TARGETS prog)
