# A patchelf that fails: the program needs a bundled library, so it gets its
# DT_RPATH set by patchelf.
add_library(lib SHARED lib.cpp)
add_executable(prog main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
target_link_libraries(prog PRIVATE lib)
set(RELEASE_PATCHELF /bin/false CACHE FILEPATH "")
add_release(app TARGETS prog)
