# PATH is always set when the control script runs: a default never applies.
add_executable(prog main.cpp)
add_release(app TARGETS prog ENV PATH=/opt/app/bin)
