# A successful release: layout, hook variables, ENV defaults, overlays and a
# relative OUTPUT_DIRECTORY.
set(MY_SETTING "a b c")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/hook.sh.in"
  "# project=@PROJECT_NAME@ version=@PROJECT_VERSION@ release=@RELEASE_NAME@ vsn=@RELEASE_VSN@\nsetting='@MY_SETTING@'\nunknown='@NOT_DEFINED_ANYWHERE@'\n")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/overlay/share/doc/README" "overlay file\n")
add_executable(prog main.cpp)
add_executable(tool main.cpp)
add_release(app TARGETS prog tool
  ENV_HOOK "${CMAKE_CURRENT_BINARY_DIR}/hook.sh.in"
  ENV "GREETING=it's a \"test\"" "EMPTY="
  OVERLAYS "${CMAKE_CURRENT_BINARY_DIR}/overlay"
  OUTPUT_DIRECTORY dist)
