// The greeter's plugin: upper-cases a greeting. Exported with C linkage so
// the program finds it with dlsym().
#include <cctype>
#include <string>

#include "greet.h"

extern "C" void shout(const char *who, char *out, unsigned long size) {
  std::string text = greeting(who);
  for (char &c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  text += "!";
  if (size > 0) {
    text.copy(out, size - 1);
    out[text.size() < size - 1 ? text.size() : size - 1] = '\0';
  }
}
