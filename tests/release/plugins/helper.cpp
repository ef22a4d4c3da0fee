#include "helper.h"

std::string helper_greeting(const std::string &who) {
  return "hello from helper, " + who;
}
