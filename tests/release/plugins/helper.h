// libhelper: a small shared library that only the plugin needs.
#pragma once

#include <string>

std::string helper_greeting(const std::string &who);
