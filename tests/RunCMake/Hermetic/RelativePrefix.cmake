add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog HERMETIC PREFIX opt/app)
