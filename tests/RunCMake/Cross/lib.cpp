// The shared library of the cross cases.
int lib_value() { return 42; }
