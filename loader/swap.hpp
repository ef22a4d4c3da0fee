// The swap step of add_release(), put the new release in place (loader/swap.cpp).
#pragma once

// release-loader swap --name <n> --vsn <v> --dir <release-dir> --work-dir <dir>
//   [--depfile-root <dir>] [--overlays <dir>]...
int cmd_swap(int argc, char **argv);
