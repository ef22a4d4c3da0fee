#include <cstdio>

int main() {
  std::puts("gitvsn");
  return 0;
}
