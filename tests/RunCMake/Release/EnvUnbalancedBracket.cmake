# A "[" without "]" would swallow the items after it into FOO.
add_executable(prog main.cpp)
add_release(app TARGETS prog ENV "FOO=[" BAR=1)
