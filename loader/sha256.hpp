// release-loader sha256: SHA-256 of files, several at once (loader/sha256.cpp).
#pragma once

int cmd_sha256(int argc, char **argv);
