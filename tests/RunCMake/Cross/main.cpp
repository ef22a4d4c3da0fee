// A program for the cross cases; with USE_LIB it needs lib_value() from a
// shared library.
#ifdef USE_LIB
int lib_value();
#endif

int main() {
#ifdef USE_LIB
  return lib_value() == 42 ? 0 : 1;
#else
  return 0;
#endif
}
