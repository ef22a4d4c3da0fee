// release-loader sbom: a release's SBOM and license notices (loader/sbom.cpp).
#pragma once

#include <string>

int cmd_sbom(int argc, char **argv);
