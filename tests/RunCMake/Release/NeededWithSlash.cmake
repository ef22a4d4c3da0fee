# libnoname.so has no SONAME and is linked by a relative path, so the
# program's DT_NEEDED is the path 'noname/libnoname.so'.
add_library(noname SHARED lib.cpp)
set_target_properties(noname PROPERTIES NO_SONAME ON LIBRARY_OUTPUT_DIRECTORY noname)
add_executable(prog main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
add_dependencies(prog noname)
# A linker input given by its relative path, after the objects.
target_link_libraries(prog PRIVATE "-Wl,noname/libnoname.so")
add_release(app TARGETS prog)
