// The SBOM step's per-file hash cache (loader/hashes.hpp).
//
// <work>/sbom-hashes.txt is text: a first line naming the format (another
// format, an older cmake-release's, reads as empty), then one line per file,
//   <staged identity> TAB <sha256> TAB <path>
// A line that does not parse is a file not in the cache: it is hashed
// again, never mistaken for another. A path holding a newline is never
// cached. After an edit only the relinked program is read: hashing all of
// ffmpeg's 233 MB takes ~0.12 s of CPU, its 213 identities ~1 ms. From
// clean, the stage step's copies record the libraries it does not change
// (remember_sha256), so only the patched files are read here.
#include "hashes.hpp"

#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "files.hpp"
#include "sha256.hpp"

namespace {

const char format[] = "cmake-release sbom-hashes 3";

// The cache's text: the format line, then a line per entry of <known>.
std::string format_cache(const std::map<std::string, std::string> &known) {
  std::string text = std::string(format) + "\n";
  for (const auto &[key, sha256] : known) {
    const size_t tab = key.find('\t');
    text += key.substr(0, tab) + '\t' + sha256 + key.substr(tab) + '\n';
  }
  return text;
}

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
  std::map<std::string, std::string> now;
  for (size_t i = 0; i < files.size(); ++i)
    if (!hashes[i].empty() && files[i].find('\n') == std::string::npos) now[keys[i]] = hashes[i];
  write_if_different(cache, format_cache(now));
  return hashes;
}

void remember_sha256(const std::string &cache, const std::vector<HashEntry> &entries) {
  std::map<std::string, std::string> known = load(cache);
  std::set<std::string> paths;
  for (const HashEntry &e : entries)
    if (e.path.find('\n') == std::string::npos && e.identity != "missing") paths.insert(e.path);
  for (auto at = known.begin(); at != known.end();)
    at = paths.count(at->first.substr(at->first.find('\t') + 1)) ? known.erase(at) : std::next(at);
  for (const HashEntry &e : entries)
    if (paths.count(e.path) && e.identity != "missing") known[e.identity + '\t' + e.path] = e.sha256;
  write_if_different(cache, format_cache(known));
}
