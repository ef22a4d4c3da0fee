# Two different LIBRARIES files, bundled under their own names, that both
# have the SONAME libsame.so.
foreach(x a b)
  add_library(same_${x} MODULE lib.cpp)
  target_link_options(same_${x} PRIVATE -Wl,-soname,libsame.so)
endforeach()
target_compile_definitions(same_b PRIVATE LIB_VALUE=43)
add_executable(prog main.cpp)
add_release(app TARGETS prog LIBRARIES same_a same_b)
