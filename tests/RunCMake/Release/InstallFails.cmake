# `cmake --install --component app` (run by the target install-app) of a
# release that cannot be assembled: UnresolvableLibrary's release, whose
# program needs a library no search path reaches. The prefix is inside the
# build tree.
include("${CMAKE_CURRENT_LIST_DIR}/UnresolvableLibrary.cmake")
add_custom_target(install-app
  COMMAND "${CMAKE_COMMAND}" --install "${CMAKE_BINARY_DIR}" --component app
    --prefix "${CMAKE_CURRENT_BINARY_DIR}/prefix")
