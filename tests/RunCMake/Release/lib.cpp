// A shared library for the add_release() cases; LIB_VALUE tells copies apart.
#ifndef LIB_VALUE
#define LIB_VALUE 42
#endif
int lib_value() { return LIB_VALUE; }
