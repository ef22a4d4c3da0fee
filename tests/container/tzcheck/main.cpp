// Exits 0 when the time zone database is installed, 1 otherwise.
#include <fstream>
#include <iostream>

int main() {
  std::ifstream zone("/usr/share/zoneinfo/Europe/Paris");
  std::cout << (zone ? "tzdata present" : "tzdata missing") << std::endl;
  return zone ? 0 : 1;
}
