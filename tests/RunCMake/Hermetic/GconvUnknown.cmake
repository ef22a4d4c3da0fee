add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog HERMETIC GCONV_MODULES EUC-JP NO-SUCH-CHARSET)
