// The program of the consumer projects (tests/release/consume-*): prints
// which way its project found cmake-release, using the C++ standard library
// so that the release has libstdc++ to bundle.
#include <iostream>
#include <string>
#include <vector>

#ifndef CONSUMER_MODE
#error "CONSUMER_MODE must name the consumption mode"
#endif

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string joined;
  for (const auto &arg : args) {
    joined += (joined.empty() ? "" : ",") + arg;
  }
  std::cout << "consumer via " << CONSUMER_MODE << ": ok [" << joined << "]\n";
  return 0;
}
