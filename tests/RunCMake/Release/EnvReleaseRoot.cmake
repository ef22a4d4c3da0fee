# The control script sets RELEASE_ROOT itself.
add_executable(prog main.cpp)
add_release(app TARGETS prog ENV GOOD=1 RELEASE_ROOT=/srv/app)
