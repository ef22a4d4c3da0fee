// release-loader dpkg <admindir> <status-out> <path>...: which installed
// Debian package owns each <path>, read straight from dpkg's database.
//
// release-loader status-d <status-file> <dir>: the stanzas of a dpkg status
// file as <dir>/<package>, one file each (dpkg_status_d in dpkg.hpp).
//
// For each <path>, in order, one line on stdout:
//   <owner>\t<package>\t<version>\t<architecture>
// (owner as `dpkg-query -S` names it: libc6:amd64 for a Multi-Arch: same
// package, libfoo otherwise), or an empty line when no package owns it. The
// path is looked up as given, as its real path, and through the other side of
// a merged /usr (/lib/x <-> /usr/lib/x), as dpkg records whichever its
// package installs. The owners' status stanzas are written to the file
// <status-out>, a dpkg status file (which `status-d` splits into the
// /var/lib/dpkg/status.d/<package> files distroless-style scanners read).
// A database without a status file owns nothing.
//
// Why not dpkg-query: `dpkg-query -S` loads dpkg's whole file database
// before answering; for ffmpeg's 208 libraries (about 600 spellings) it took
// 0.35-0.55 s of a clean release on an idle machine, against tens of
// milliseconds for one pass over the packages' file lists here.
// When several packages' lists name a path (dpkg-query -S prints them all),
// the owner is the first list in name order: a library's path is its
// architecture's own, so in practice one package owns it.
// The status is the status file plus dpkg's journal (updates/, stanzas that
// override it, applied in order), as dpkg-query reads it. Diversions are not
// followed: a diverted library is reported under the package whose list
// names the path.
#include "dpkg.hpp"

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <unordered_map>

#include "files.hpp"

namespace {

// Every way dpkg may have recorded <path>.
std::vector<std::string> spellings(const std::string &path) {
  std::vector<std::string> out{path};
  if (char *real = realpath(path.c_str(), nullptr)) {
    out.emplace_back(real);
    std::free(real);
  }
  for (std::size_t i = 0, n = out.size(); i < n; ++i) {
    const std::string p = out[i];  // a copy: push_back moves the elements
    for (const char *top : {"/lib", "/bin", "/sbin"}) {
      const std::string t = top;
      if (p.compare(0, 4 + t.size(), "/usr" + t) == 0) out.push_back(p.substr(4));
      else if (p.compare(0, t.size(), t) == 0) out.push_back("/usr" + p);
    }
  }
  return out;
}

struct Stanza {
  std::string text;
  std::map<std::string, std::string> fields;
  std::string field(const char *name) const {
    auto i = fields.find(name);
    return i == fields.end() ? std::string() : i->second;
  }
};

// Stanzas of a dpkg status-format file, keyed by "<Package>:<Architecture>".
void read_stanzas(const std::string &file, std::map<std::string, Stanza> &into) {
  const std::string text = read_file(file);
  Stanza s;
  auto flush = [&] {
    if (s.fields.count("Package")) into[s.field("Package") + ":" + s.field("Architecture")] = s;
    s = Stanza();
  };
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.empty()) {
      flush();
      continue;
    }
    s.text += line + "\n";
    std::size_t colon = line.find(':');
    if (line[0] != ' ' && colon != std::string::npos) {
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      s.fields[line.substr(0, colon)] = v == std::string::npos ? "" : line.substr(v);
    }
  }
  flush();
}

// The cache's fields, each "<length> <bytes>\n" (any byte may be in one).
void put(std::string &out, const std::string &field) {
  out += std::to_string(field.size()) + ' ' + field + '\n';
}

bool get(const std::string &in, std::size_t &at, std::string &field) {
  const std::size_t space = in.find(' ', at);
  if (space == std::string::npos || space == at || space - at > 12 ||
      in.find_first_not_of("0123456789", at) != space)
    return false;
  const std::size_t n = std::stoul(in.substr(at, space - at));
  if (n >= in.size() - space - 1 || in[space + 1 + n] != '\n') return false;
  field = in.substr(space + 1, n);
  at = space + 2 + n;
  return true;
}

}  // namespace

std::vector<DpkgOwner> dpkg_owners_cached(const std::string &admin, const std::vector<std::string> &paths,
                                          const std::string &cache) {
  // The key is taken before the database is read: a change while it is read
  // makes the next run read it again.
  std::string key;
  put(key, "cmake-release sbom-dpkg 1");
  for (const char *file : {"/status", "/updates", "/info"}) put(key, file_identity(admin + file));
  put(key, std::to_string(paths.size()));
  for (const std::string &p : paths) put(key, p);
  std::vector<DpkgOwner> owners(paths.size());
  std::string text;
  if (try_read_file(cache, text) && text.compare(0, key.size(), key) == 0) {
    std::size_t at = key.size();
    bool ok = true;
    for (DpkgOwner &o : owners)
      for (std::string *f : {&o.owner, &o.package, &o.version, &o.architecture, &o.stanza})
        ok = ok && get(text, at, *f);
    if (ok && at == text.size()) return owners;
  }
  owners = dpkg_owners(admin, paths);
  std::string answers = key;
  for (const DpkgOwner &o : owners)
    for (const std::string *f : {&o.owner, &o.package, &o.version, &o.architecture, &o.stanza}) put(answers, *f);
  write_if_different(cache, answers);
  return owners;
}

std::vector<DpkgOwner> dpkg_owners(const std::string &admin, const std::vector<std::string> &paths) {
  std::vector<DpkgOwner> owners(paths.size());
  struct stat st;
  if (paths.empty() || (stat((admin + "/status").c_str(), &st) != 0 && errno == ENOENT)) return owners;

  // Each spelling of each path, looked up by the lines of the lists.
  std::vector<std::vector<std::string>> names;
  for (const std::string &p : paths) names.push_back(spellings(p));
  std::unordered_map<std::string_view, std::vector<std::size_t>> wanted;
  // The lengths of the spellings: a line of another length (nearly all of
  // the lists' ~9 MB here) is passed over without hashing it.
  std::vector<bool> length_wanted;
  for (std::size_t i = 0; i < names.size(); ++i)
    for (const std::string &s : names[i]) {
      wanted[s].push_back(i);
      if (length_wanted.size() <= s.size()) length_wanted.resize(s.size() + 1);
      length_wanted[s.size()] = true;
    }

  std::vector<std::string> owner(paths.size());
  const std::string info = admin + "/info";
  for (const std::string &name : list_dir(info)) {
    if (name.size() <= 5 || name.compare(name.size() - 5, 5, ".list") != 0) continue;
    const std::string list = read_file(info + "/" + name);
    const std::string_view text = list;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::size_t length = end - at;
      if (length >= length_wanted.size() || !length_wanted[length]) {
        at = end + 1;
        continue;
      }
      auto w = wanted.find(text.substr(at, length));
      at = end + 1;
      if (w == wanted.end()) continue;
      for (std::size_t i : w->second)
        if (owner[i].empty()) owner[i] = name.substr(0, name.size() - 5);
    }
  }

  std::map<std::string, Stanza> status;
  read_stanzas(admin + "/status", status);
  for (const std::string &u : list_dir(admin + "/updates", true))
    if (u.find_first_not_of("0123456789") == std::string::npos)
      read_stanzas(admin + "/updates/" + u, status);

  // The installed packages, under both names dpkg-query -S may use.
  std::map<std::string, const Stanza *> installed;
  for (const auto &entry : status) {
    const Stanza &s = entry.second;
    if (s.field("Status") != "install ok installed") continue;
    installed.emplace(s.field("Package"), &s);
    installed.emplace(entry.first, &s);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto found = installed.find(owner[i]);
    if (owner[i].empty() || found == installed.end()) continue;
    const Stanza &s = *found->second;
    owners[i] = {owner[i], s.field("Package"), s.field("Version"), s.field("Architecture"), s.text};
  }
  return owners;
}

void dpkg_write_status(const std::string &file, const std::vector<DpkgOwner> &owners) {
  std::map<std::string, const std::string *> stanzas;  // package -> stanza, the first owner's
  for (const DpkgOwner &o : owners)
    if (!o.owner.empty()) stanzas.emplace(o.package, &o.stanza);
  std::string text;
  for (const auto &entry : stanzas) text += *entry.second + "\n";
  write_if_different(file, text);
}

void dpkg_status_d(const std::string &status, const std::string &dir) {
  std::map<std::string, Stanza> stanzas;
  read_stanzas(status, stanzas);
  make_directories(dir);
  std::set<std::string> written;
  for (const auto &entry : stanzas) {
    const std::string package = entry.second.field("Package");
    if (package.empty() || package.find('/') != std::string::npos || package[0] == '.') continue;
    if (written.insert(package).second) write_if_different(dir + "/" + package, entry.second.text);
  }
  for (const std::string &name : list_dir(dir))
    if (!written.count(name)) remove_tree(dir + "/" + name);
}

int cmd_dpkg(int argc, char **argv) {
  if (argc < 4) return 2;
  const std::vector<DpkgOwner> owners = dpkg_owners(argv[2], {argv + 4, argv + argc});
  std::ostringstream out;
  for (const DpkgOwner &o : owners) {
    if (!o.owner.empty()) out << o.owner << "\t" << o.package << "\t" << o.version << "\t" << o.architecture;
    out << "\n";
  }
  dpkg_write_status(argv[3], owners);
  std::cout << out.str();
  return 0;
}

int cmd_status_d(int argc, char **argv) {
  if (argc != 4) return 2;
  dpkg_status_d(argv[2], argv[3]);
  return 0;
}
