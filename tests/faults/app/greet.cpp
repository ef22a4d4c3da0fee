#include <string>

std::string greeting(const std::string &who) { return "hello, " + who + " from " __FILE__; }
