# An x86_64 libz.so.1 sits first in LIBRARY_DIRS of an aarch64 release: the
# resolver skips it, as the loader would, and bundles the aarch64 one.
file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/host-libs")
file(COPY_FILE /lib/x86_64-linux-gnu/libz.so.1 "${CMAKE_CURRENT_BINARY_DIR}/host-libs/libz.so.1")
find_package(ZLIB REQUIRED)
add_executable(prog ../Release/main.cpp)
target_link_libraries(prog PRIVATE ZLIB::ZLIB)
target_link_options(prog PRIVATE -Wl,--no-as-needed)
add_release(app TARGETS prog LIBRARY_DIRS "${CMAKE_CURRENT_BINARY_DIR}/host-libs")
