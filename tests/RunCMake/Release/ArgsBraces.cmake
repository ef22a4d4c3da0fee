# ${...} in a bracket argument reaches add_release() unexpanded: refused.
add_executable(prog main.cpp)
add_release(app TARGETS prog ARGS -c [[${RELEASE_ROOT}/etc/app.conf]])
