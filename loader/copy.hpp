// The stage step's copies (loader/copy.cpp).
#pragma once

int cmd_copy(int argc, char **argv);
