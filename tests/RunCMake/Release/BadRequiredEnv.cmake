add_executable(prog main.cpp)
add_release(app TARGETS prog REQUIRED_ENV GOOD 1BAD)
