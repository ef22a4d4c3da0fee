add_executable(prog main.cpp)
add_release(app TARGETS prog GCONV_MODULES EUC-JP)
