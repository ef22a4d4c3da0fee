// The SBOM step's per-file hash cache (loader/hashes.hpp).
//
// <work>/sbom-hashes.txt is text: a first line naming the format (another
// format, an older cmake-release's, reads as empty), then one line per file,
//   <staged identity> TAB <sha256> TAB <path>
// A line that does not parse is a file not in the cache: it is hashed
// again, never mistaken for another. A path holding a newline is never
// cached. After an edit only the relinked program is read: hashing all of
// ffmpeg's 233 MB takes ~0.12 s of CPU, its 213 identities ~1 ms.
#include "hashes.hpp"

#include <cstring>
#include <map>
#include <sstream>

#include "files.hpp"
#include "sha256.hpp"

namespace {

const char format[] = "cmake-release sbom-hashes 3";

// The cache as "<identity> TAB <path>" -> sha256.
std::map<std::string, std::string> load(const std::string &cache) {
  std::map<std::string, std::string> known;
  std::string text;
  if (!try_read_file(cache, text)) return known;
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != format) return known;
  while (std::getline(in, line)) {
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos || a == 0 || b - a - 1 != 64 || b + 1 == line.size()) continue;
    known[line.substr(0, a) + '\t' + line.substr(b + 1)] = line.substr(a + 1, 64);
  }
  return known;
}

}  // namespace

std::vector<std::string> cached_sha256(const std::vector<std::string> &files, const std::string &cache,
                                       std::string &unreadable) {
  const std::map<std::string, std::string> known = load(cache);
  std::vector<std::string> keys, hashes(files.size()), todo;
  std::vector<size_t> todo_at;
  for (size_t i = 0; i < files.size(); ++i) {
    keys.push_back(staged_identity(files[i]) + '\t' + files[i]);
    auto hit = known.find(keys[i]);
    if (hit != known.end() && files[i].find('\n') == std::string::npos) {
      hashes[i] = hit->second;
    } else {
      todo.push_back(files[i]);
      todo_at.push_back(i);
    }
  }
  const std::vector<FileHash> fresh = sha256_files(todo);
  for (size_t n = 0; n < todo.size(); ++n) {
    if (fresh[n].error != 0) unreadable += "  " + todo[n] + ": " + std::strerror(fresh[n].error) + "\n";
    else hashes[todo_at[n]] = fresh[n].hex;
  }
  std::string text = std::string(format) + "\n";
  for (size_t i = 0; i < files.size(); ++i) {
    if (hashes[i].empty() || files[i].find('\n') != std::string::npos) continue;
    size_t tab = keys[i].find('\t');
    text += keys[i].substr(0, tab) + '\t' + hashes[i] + keys[i].substr(tab) + '\n';
  }
  write_if_different(cache, text);
  return hashes;
}
