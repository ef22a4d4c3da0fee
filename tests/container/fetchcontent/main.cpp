// The program of the FetchContent image test: says it ran, with its arguments.
#include <cstdio>

int main(int argc, char **argv) {
  std::printf("fcimage ran");
  for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
  std::printf("\n");
  return 0;
}
