add_release(app TARGETS nope)
