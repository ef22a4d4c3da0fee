// Loads every lib<prefix>*.so of a directory, in name order, and prints what
// each plugin's plugtest_run() returns. Returns the number of plugins loaded,
// or -1 (with a message on stderr) when one cannot be loaded.
#pragma once
#include <string>

int plugtest_load_all(const std::string &dir, const std::string &prefix);
