add_executable(prog main.cpp)
add_release(app TARGETS prog ENV [[W=C:\dir\]] "E=")
