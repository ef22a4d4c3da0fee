// libgreet: a MODULE plugin, loaded by the host with dlopen(); it links
// libhelper, which the host does not.
#include "helper.h"

#include <string>

extern "C" __attribute__((visibility("default"))) const char *greet_plugin(const char *who) {
  static std::string text;
  text = helper_greeting(who);
  return text.c_str();
}
