// The release's own shared library: svcutil_poke writes through the pointer
// it is given (a null one crashes here, on the line marked CRASH-LINE).
#include <cstdio>

extern "C" __attribute__((noinline)) void svcutil_poke(volatile int *where, int value) {
  std::printf("poking %d\n", value);
  *where = value;  // CRASH-LINE
}
