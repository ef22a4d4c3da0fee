# project() without VERSION, but add_release(VERSION): no warning (stderr empty).
project(VersionGiven LANGUAGES CXX)
add_executable(prog main.cpp)
add_release(app TARGETS prog VERSION 3.0.1)
