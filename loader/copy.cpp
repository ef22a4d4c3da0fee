// release-loader copy [--hashes <cache>] (<mode> <src> <dst>)...
//
// The stage step's copies (cmake/steps/stage.cmake): whole files, created
// with <mode> (octal), one file per hardware thread at once, the largest
// first, each in the kernel (copy_file, files.hpp).
//
// With --hashes <cache> each <dst> is a part, <file>.part, that the caller
// renames to <file> unchanged: it is read back and hashed (SHA-256), and the
// hash is recorded in <cache>, the SBOM step's (loader/hashes.hpp), under
// <file> and the part's identity, which the rename keeps. The SBOM step then
// finds the hashes of the files the stage step does not change instead of
// reading them all again (~250 MB for ffmpeg). What is hashed is the copy,
// just written and still in the page cache, not the source, which could be
// replaced meanwhile.
//
// On a failure each copy is still made whole or not at all (a failed one is
// removed), nothing is recorded, the message names the first failure, and
// the exit status is 1.
#include "copy.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

#include "files.hpp"
#include "hashes.hpp"
#include "sha256.hpp"

namespace {

const std::string part_suffix = ".part";

bool is_part(const std::string &path) {
  return path.size() > part_suffix.size() &&
         path.compare(path.size() - part_suffix.size(), part_suffix.size(), part_suffix) == 0;
}

// <src> to <dst> (and, with <hash>, its SHA-256 into <sha256>); "" or why not.
std::string copy_one(const std::string &src, const std::string &dst, mode_t mode, bool hash,
                     std::vector<unsigned char> &buffer, std::string &sha256) {
  try {
    copy_file(src, dst, mode);
  } catch (const std::exception &e) {
    return e.what();
  }
  if (!hash) return "";
  const FileHash h = sha256_file(dst, buffer);
  if (h.error != 0) {
    unlink(dst.c_str());
    return "cannot read back '" + dst + "': " + std::strerror(h.error);
  }
  sha256 = h.hex;
  return "";
}

}  // namespace

int cmd_copy(int argc, char **argv) {
  int first = 2;
  std::string cache;
  if (argc > 3 && std::strcmp(argv[2], "--hashes") == 0) {
    cache = argv[3];
    first = 4;
  }
  if ((argc - first) % 3 != 0) return 2;
  std::vector<mode_t> modes;
  std::vector<std::string> srcs, dsts;
  for (int i = first; i + 2 < argc; i += 3) {
    char *end = nullptr;
    const unsigned long mode = std::strtoul(argv[i], &end, 8);
    if (end == argv[i] || *end != '\0' || mode > 07777) return 2;
    modes.push_back(static_cast<mode_t>(mode));
    srcs.emplace_back(argv[i + 1]);
    dsts.emplace_back(argv[i + 2]);
    if (!cache.empty() && !is_part(dsts.back())) return 2;
  }
  std::vector<std::string> errors(srcs.size()), hashes(srcs.size());
  each_file_in_parallel(srcs, [&](std::size_t i, std::vector<unsigned char> &buffer) {
    errors[i] = copy_one(srcs[i], dsts[i], modes[i], !cache.empty(), buffer, hashes[i]);
  });
  for (const std::string &e : errors)
    if (!e.empty()) throw std::runtime_error(e);
  if (cache.empty()) return 0;
  std::vector<HashEntry> entries;
  for (std::size_t i = 0; i < dsts.size(); ++i)
    entries.push_back({dsts[i].substr(0, dsts[i].size() - part_suffix.size()), staged_identity(dsts[i]),
                       hashes[i]});
  remember_sha256(cache, entries);
  return 0;
}
