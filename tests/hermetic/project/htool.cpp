// The release's second program: prints its arguments and an ENV default.
#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv) {
  const char *greeting = std::getenv("HREL_GREETING");
  std::printf("htool:%s", greeting ? greeting : "(unset)");
  for (int i = 1; i < argc; ++i) std::printf(" [%s]", argv[i]);
  std::printf("\n");
  return 0;
}
