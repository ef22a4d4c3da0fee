// greet: the shared library of the greeter example.
#pragma once
#include <string>

std::string greeting(const std::string &who);
