# A release that carries its own libc (here bundled through LIBRARIES, as a
# hermetic release would) gets no libc6 dependency; NO_SYSTEMD packages the
# files only.
add_executable(prog main.cpp)
add_release(app TARGETS prog LIBRARIES /lib/${CMAKE_LIBRARY_ARCHITECTURE}/libc.so.6 NO_SYSTEMD)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_CONTACT "ops <ops@example.org>")
include(CPack)
