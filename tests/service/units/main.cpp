// A program that serves nothing: the units of its releases are what is tested.
#include <cstdio>

int main() {
  std::puts("svc");
  return 0;
}
