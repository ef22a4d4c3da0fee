// A program for the add_release() cases: it only has to link and run.
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
