// release-loader sha256: SHA-256 of files, several at once (loader/sha256.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

struct FileHash {
  std::string hex;  // the digest (64 lowercase hex digits), when the file was read
  int error = 0;    // else errno
};

// The SHA-256 of each of <paths>, in order, hashed one file per hardware
// thread at once.
std::vector<FileHash> sha256_files(const std::vector<std::string> &paths);

// The SHA-256 of <path>, read through <buffer> (any size but 0).
FileHash sha256_file(const std::string &path, std::vector<unsigned char> &buffer);

// Calls work(i, buffer) once for each index i of <paths>, on one worker per
// hardware thread (this thread one of them), the largest files first; each
// worker has its own 1 MiB <buffer>. <work> must not throw.
void each_file_in_parallel(const std::vector<std::string> &paths,
                           const std::function<void(std::size_t, std::vector<unsigned char> &)> &work);

int cmd_sha256(int argc, char **argv);
