# A glibc directory with two loaders: which build is it?
add_executable(prog main.cpp)
execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=libc.so.6
  OUTPUT_VARIABLE libc OUTPUT_STRIP_TRAILING_WHITESPACE)
file(REAL_PATH "${libc}" libc)
set(dir "${CMAKE_BINARY_DIR}/two-loaders")
file(COPY "${libc}" DESTINATION "${dir}")
file(TOUCH "${dir}/ld-linux-one.so.1" "${dir}/ld-linux-two.so.2")
set(RELEASE_GLIBC_DIR "${dir}")
add_release(app TARGETS prog HERMETIC)
