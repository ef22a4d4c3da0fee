# The program needs libonly.so, and the only copy the resolver can find is an
# x86_64 one: the build fails, naming the skipped file; nothing is bundled.
file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/host-libs")
execute_process(COMMAND g++ -shared -fPIC -o "${CMAKE_CURRENT_BINARY_DIR}/host-libs/libonly.so"
  "${CMAKE_CURRENT_SOURCE_DIR}/../Release/lib.cpp" COMMAND_ERROR_IS_FATAL ANY)
add_library(only SHARED ../Release/lib.cpp)
set_target_properties(only PROPERTIES LIBRARY_OUTPUT_DIRECTORY hidden)
add_executable(prog ../Release/main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
target_link_libraries(prog PRIVATE only)
set_target_properties(prog PROPERTIES SKIP_BUILD_RPATH ON)
add_release(app TARGETS prog LIBRARY_DIRS "${CMAKE_CURRENT_BINARY_DIR}/host-libs")
