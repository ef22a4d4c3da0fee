// The SBOM step's hashes of the staged files, cached by identity
// (loader/hashes.cpp).
#pragma once

#include <string>
#include <vector>

// The SHA-256 of each of <files>, in order. A file whose staged identity
// (staged_identity, files.hpp) is the one <cache> holds for it is not read:
// its hash is taken from <cache>; the others are hashed (sha256_files) and
// <cache> is written again when anything in it changed. The paths of files
// that cannot be read, each with why, go to <unreadable> (one line each) and
// their hashes are empty; they are not cached.
std::vector<std::string> cached_sha256(const std::vector<std::string> &files, const std::string &cache,
                                       std::string &unreadable);

// A hash to be recorded: <path>'s SHA-256 while it has <identity>
// (staged_identity, files.hpp).
struct HashEntry {
  std::string path, identity, sha256;
};

// Records each of <entries> in <cache>, replacing what it held for that
// path. The stage step's copies (loader/copy.cpp) record the parts they
// write, under the names the parts are renamed to, so that the SBOM step
// does not read those bytes again.
void remember_sha256(const std::string &cache, const std::vector<HashEntry> &entries);
