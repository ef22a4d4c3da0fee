# LIBRARIES brings a piece of glibc (libresolv.so.2) from another directory
# than the glibc build the release carries.
add_executable(prog main.cpp)
execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=libresolv.so.2
  OUTPUT_VARIABLE resolv OUTPUT_STRIP_TRAILING_WHITESPACE)
file(REAL_PATH "${resolv}" resolv)
file(COPY "${resolv}" DESTINATION "${CMAKE_BINARY_DIR}/other-glibc")
add_release(app TARGETS prog HERMETIC LIBRARIES "${CMAKE_BINARY_DIR}/other-glibc/libresolv.so.2")
