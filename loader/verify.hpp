// release-loader verify: the verify build step of add_release() (loader/verify.cpp).
#pragma once

int cmd_verify(int argc, char **argv);
