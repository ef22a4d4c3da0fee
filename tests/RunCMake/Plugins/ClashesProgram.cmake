# A plugin whose file name, known only at build time, is the program's.
add_executable(prog ../Release/main.cpp)
add_release(app TARGETS prog)
add_library(plug MODULE ../Release/lib.cpp)
add_release_plugins(app DESTINATION libexec TARGETS plug)
set_target_properties(plug PROPERTIES PREFIX "" SUFFIX "" OUTPUT_NAME prog
  LIBRARY_OUTPUT_DIRECTORY plugins-out)
