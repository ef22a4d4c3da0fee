#include "util.hpp"

const char *plugtest_util_label() { return "sum"; }
