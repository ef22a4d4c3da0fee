# The module is included in one directory and used in a sibling that did not
# include it (include_guard(GLOBAL) skips a second include there).
add_release(app TARGETS app)
add_subdirectory(sibling-a)
add_subdirectory(sibling-b)
