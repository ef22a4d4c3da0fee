# `cmake --install --component app` (run by the target install-app) of a
# release that cannot be assembled: its program needs a library no search
# path reaches. The prefix is inside the build tree.
add_library(gone SHARED lib.cpp)
set_target_properties(gone PROPERTIES LIBRARY_OUTPUT_DIRECTORY hidden)
add_executable(prog main.cpp)
target_compile_definitions(prog PRIVATE USE_LIB)
target_link_libraries(prog PRIVATE gone)
set_target_properties(prog PROPERTIES SKIP_BUILD_RPATH ON)
add_release(app TARGETS prog)
add_custom_target(install-app
  COMMAND "${CMAKE_COMMAND}" --install "${CMAKE_BINARY_DIR}" --component app
    --prefix "${CMAKE_CURRENT_BINARY_DIR}/prefix")
