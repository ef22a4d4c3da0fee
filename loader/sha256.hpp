// release-loader sha256: SHA-256 of files, several at once (loader/sha256.cpp).
#pragma once

#include <string>
#include <vector>

struct FileHash {
  std::string hex;  // the digest (64 lowercase hex digits), when the file was read
  int error = 0;    // else errno
};

// The SHA-256 of each of <paths>, in order, hashed one file per hardware
// thread at once.
std::vector<FileHash> sha256_files(const std::vector<std::string> &paths);

int cmd_sha256(int argc, char **argv);
