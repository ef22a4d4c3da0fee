add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog GCONV_MODULES EUC-JP)
