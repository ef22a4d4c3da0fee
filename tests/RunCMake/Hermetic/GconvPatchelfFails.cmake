# patchelf fails on the gconv module (RELEASE_PATCHELF is false(1)).
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog HERMETIC GCONV_MODULES EUC-JP)
