// release-loader dpkg: owners of files from dpkg's database (loader/dpkg.cpp).
#pragma once

int cmd_dpkg(int argc, char **argv);
