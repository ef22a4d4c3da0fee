// crasher [crash]: prints "fine" and exits 0, or crashes in the release's
// own library, called from a function of the program (CALL-LINE).
#include <cstdio>
#include <cstring>

extern "C" void svcutil_poke(volatile int *where, int value);

namespace {
__attribute__((noinline)) void crash_here(volatile int *where) {
  svcutil_poke(where, 42);  // CALL-LINE
  std::puts("poked");       // (not a tail call: crash_here keeps its frame)
}
}  // namespace

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "crash") == 0) {
    crash_here(nullptr);
  }
  std::puts("fine");
  return 0;
}
