# The program's DT_RPATH holds 'sub', a directory relative to the working
# directory at run time: the loader would search it for libsub.so.
add_library(sub SHARED lib.cpp)
set_target_properties(sub PROPERTIES LIBRARY_OUTPUT_DIRECTORY sub)
add_executable(prog main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
target_link_libraries(prog PRIVATE sub)
set_target_properties(prog PROPERTIES SKIP_BUILD_RPATH ON)
target_link_options(prog PRIVATE "LINKER:--disable-new-dtags,-rpath,sub")
add_release(app TARGETS prog)
