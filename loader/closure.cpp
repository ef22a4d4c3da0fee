// The loader model (see closure.hpp). It follows glibc's elf/dl-load.c:
// for each object, in the order the loader maps them (breadth first from
// the program), each DT_NEEDED name is first matched against the objects
// already loaded (by the names they were loaded under and their SONAME);
// otherwise it is searched in
//   1. the DT_RPATH of the needing object and of every object in its chain
//      of loaders up to the program — only when the needing object has no
//      DT_RUNPATH (an object with both keeps only its DT_RUNPATH);
//   2. (LD_LIBRARY_PATH: the build knows none);
//   3. the DT_RUNPATH of the needing object only;
//   4. LIBRARY_DIRS, then the system directories (ld.so.conf, the defaults),
//      unless the needing object is linked with -z nodeflib;
// and in each directory the glibc-hwcaps (and legacy hwcap) subdirectories
// come before the directory itself. A candidate of another ELF class or
// machine is skipped. Each program is a process of its own; LIBRARIES are
// dlopen()ed by the main program, after its start-up.
#include "closure.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <sys/stat.h>

#include "files.hpp"

namespace {

struct Object {
  std::string path;    // as the loader names it (the directory searched + the name)
  std::string origin;  // what $ORIGIN is for it
  const ElfInfo *elf;
  int loader;          // the object that caused it to be loaded; -1 for the program
  std::vector<std::string> names;
};

// A search directory, and where it came from (for messages).
struct SearchDir {
  std::string path;
  std::string owner;  // the file whose DT_RPATH/DT_RUNPATH holds it ("" otherwise)
  std::string entry;  // the entry as written
  std::string kind;   // "DT_RPATH", "DT_RUNPATH", "LIBRARY_DIRS", "system"
};

std::string dirname_of(const std::string &p) {
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

std::string basename_of(const std::string &p) {
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string real_path(const std::string &p) {
  char buf[PATH_MAX];
  return realpath(p.c_str(), buf) ? std::string(buf) : p;
}

bool same_content(const std::string &a, const std::string &b) {
  if (real_path(a) == real_path(b)) return true;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::istreambuf_iterator<char> ia(fa), ib(fb), end;
  while (ia != end && ib != end)
    if (*ia++ != *ib++) return false;
  return ia == end && ib == end;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Expands $ORIGIN, $LIB and $PLATFORM (also written ${NAME}) in one entry.
std::string expand(const std::string &entry, const std::string &origin, const ClosureOptions &o) {
  const std::pair<std::string, std::string> tokens[] = {
      {"ORIGIN", origin}, {"LIB", o.lib}, {"PLATFORM", o.platform}};
  std::string out;
  for (size_t i = 0; i < entry.size();) {
    bool replaced = false;
    if (entry[i] == '$') {
      for (const auto &t : tokens) {
        const std::string &n = t.first;
        if (entry.compare(i + 1, n.size() + 2, "{" + n + "}") == 0) {
          out += t.second, i += n.size() + 3, replaced = true;
        } else if (entry.compare(i + 1, n.size(), n) == 0 &&
                   (i + 1 + n.size() == entry.size() || !word_char(entry[i + 1 + n.size()]))) {
          out += t.second, i += n.size() + 1, replaced = true;
        }
        if (replaced) break;
      }
    }
    if (!replaced) out += entry[i++];
  }
  return out;
}

class Resolver {
 public:
  explicit Resolver(const ClosureOptions &o) : o_(o) {}
  Closure run();

 private:
  const ClosureOptions &o_;
  std::map<std::string, ElfInfo> elf_;
  std::map<std::string, std::vector<std::string>> variants_;
  std::map<std::string, Bundled> bundled_;
  std::set<std::string> inputs_;
  std::set<std::string> left_names_;  // every DT_NEEDED name left to the target
  unsigned machine_ = 0;
  int class_ = 0;

  const ElfInfo &elf(const std::string &path) {
    auto it = elf_.find(path);
    if (it == elf_.end()) it = elf_.emplace(path, read_elf(path)).first;
    return it->second;
  }
  bool left(const std::string &name) const {
    for (const regex_t &r : o_.left)
      if (regexec(&r, name.c_str(), 0, nullptr, 0) == 0) return true;
    return false;
  }
  const ElfInfo &root(const std::string &file, const char *what);
  const std::vector<std::string> &variant_dirs(const std::string &dir);
  std::vector<SearchDir> search_path(const std::vector<Object> &objs, size_t i) const;
  void walk(std::vector<Object> &objs, size_t from);
  void load(std::vector<Object> &objs, size_t needer, const std::string &name);
  void bundle(const std::string &name, const std::string &source, const std::string &needed_by);
  void check_sonames() const;
};

// A program or LIBRARIES file: it must exist, be ELF, and match the main program.
const ElfInfo &Resolver::root(const std::string &file, const char *what) {
  if (!is_file(file) && std::string(what) == "program")
    throw std::runtime_error("the program '" + file + "' does not exist. Fix: build it first (the "
                             "release target depends on it; check its IMPORTED_LOCATION).");
  const bool plugin = std::string(what) == "plugin";
  if (!is_file(file) && plugin)
    throw std::runtime_error("the plugin '" + file + "' given to add_release_plugins() does not exist. "
                             "Fix: build it first (add_dependencies(release-<name> <its target>)), or "
                             "correct the path.");
  if (!is_file(file))
    throw std::runtime_error("the library '" + file + "' given in LIBRARIES does not exist. Fix: "
                             "build it, or correct the path.");
  inputs_.insert(file);
  const ElfInfo &e = elf(file);
  if (plugin && !e.shared_object)
    throw std::runtime_error("the plugin '" + file + "' given to add_release_plugins() is not an ELF "
                             "shared object (" + (e.is_elf ? "an ELF file, but an executable or object "
                             "file, which dlopen() refuses" : "not an ELF file") + "). Fix: name the "
                             "shared library or module (.so) the program loads.");
  if (!e.is_elf)
    throw std::runtime_error("'" + file + "' is not an ELF file that readelf understands. A release "
                             "bundles ELF programs and shared libraries only.");
  if (machine_ == 0) machine_ = e.machine, class_ = e.elf_class;
  if (e.machine != machine_ || e.elf_class != class_)
    throw std::runtime_error("'" + file + "' is built for " + machine_name(e.machine) + " (ELF" +
                             std::to_string(e.elf_class) + "), but the main program is built for " +
                             machine_name(machine_) + " (ELF" + std::to_string(class_) +
                             "). Fix: build every program and library of a release for the same target.");
  return e;
}

// The hwcaps subdirectories of <dir> that exist: glibc-hwcaps/* (newest
// level first, as the loader prefers them), then the legacy ones of glibc
// before 2.37 (tls, the platform, haswell, xeon_phi, avx512_1, nested).
const std::vector<std::string> &Resolver::variant_dirs(const std::string &dir) {
  auto it = variants_.find(dir);
  if (it != variants_.end()) return it->second;
  std::vector<std::string> subs;
  if (DIR *d = opendir((dir + "/glibc-hwcaps").c_str())) {
    while (dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != ".." && is_dir(dir + "/glibc-hwcaps/" + n)) subs.push_back("glibc-hwcaps/" + n);
    }
    closedir(d);
    std::sort(subs.rbegin(), subs.rend());
  }
  const std::string legacy[] = {"tls", o_.platform, "haswell", "xeon_phi", "avx512_1"};
  std::vector<std::string> level{""};
  for (int depth = 0; depth < 3; ++depth) {
    std::vector<std::string> next;
    for (const std::string &prefix : level)
      for (const std::string &n : legacy)
        if (!n.empty() && is_dir(dir + "/" + prefix + n)) next.push_back(prefix + n + "/");
    for (const std::string &s : next) subs.push_back(s.substr(0, s.size() - 1));
    level.swap(next);
  }
  return variants_.emplace(dir, subs).first->second;
}

std::vector<SearchDir> Resolver::search_path(const std::vector<Object> &objs, size_t i) const {
  std::vector<SearchDir> dirs;
  const Object &needer = objs[i];
  if (!needer.elf->has_runpath) {
    for (int l = static_cast<int>(i); l >= 0; l = objs[static_cast<size_t>(l)].loader) {
      const Object &a = objs[static_cast<size_t>(l)];
      if (a.elf->has_runpath) continue;  // an object with both keeps only its DT_RUNPATH
      for (const std::string &e : a.elf->rpath) dirs.push_back({expand(e, a.origin, o_), a.path, e, "DT_RPATH"});
    }
  }
  for (const std::string &e : needer.elf->runpath)
    dirs.push_back({expand(e, needer.origin, o_), needer.path, e, "DT_RUNPATH"});
  for (const std::string &d : o_.library_dirs) dirs.push_back({d, "", d, "LIBRARY_DIRS"});
  if (!needer.elf->nodeflib)
    for (const std::string &d : o_.system_dirs) dirs.push_back({d, "", d, "system"});
  return dirs;
}

void Resolver::bundle(const std::string &name, const std::string &source, const std::string &needed_by) {
  auto it = bundled_.find(name);
  if (it == bundled_.end()) {
    const ElfInfo &e = elf(source);
    bundled_.emplace(name, Bundled{name, source, needed_by, e.has_rpath || e.has_runpath});
    return;
  }
  if (!same_content(it->second.source, source))
    throw std::runtime_error("two different files offer the library '" + name + "': '" +
                             it->second.source + "' (needed by '" + it->second.needed_by + "') and '" +
                             source + "' (needed by '" + needed_by + "'). Fix: make them use one copy "
                             "(check their RUNPATHs and LIBRARY_DIRS), or leave the library to the "
                             "target with EXCLUDE_LIBRARIES.");
}

// Maps <name>, needed by objs[needer], as the loader would.
void Resolver::load(std::vector<Object> &objs, size_t needer, const std::string &name) {
  const std::string needer_path = objs[needer].path;
  if (name.find('/') != std::string::npos) {
    bool relative = name[0] != '/';
    throw std::runtime_error(
        "'" + needer_path + "' needs '" + name + "', a DT_NEEDED entry with a '/', which the loader opens as " +
        (relative ? "a path relative to the working directory of the process at run time"
                  : "that absolute path on the machine it runs on, outside the release") +
        ". Fix: link it against the library by name, not by path: give the library a SONAME "
        "(-Wl,-soname," + basename_of(name) + ", or IMPORTED_SONAME for an IMPORTED library) and relink '" +
        needer_path + "'.");
  }
  for (Object &o : objs) {
    if (std::find(o.names.begin(), o.names.end(), name) != o.names.end()) return;
    if (o.elf->soname == name && o.loader >= 0) {
      // Loaded under another name, reused for its SONAME: the release holds it under both.
      o.names.push_back(name);
      bundle(name, o.path, needer_path);
      return;
    }
  }
  std::vector<std::string> skipped;
  for (const SearchDir &d : search_path(objs, needer)) {
    if (d.path.empty() || d.path[0] != '/')
      throw std::runtime_error(
          "'" + d.owner + "' has the " + d.kind + " entry '" + d.entry + "', searched for '" + name +
          "', which the loader resolves against the working directory of the process at run time. "
          "Fix: relink '" + d.owner + "' with an absolute or $ORIGIN-relative entry (e.g. "
          "-Wl,-rpath,'$ORIGIN/" + d.entry + "'), or drop the entry and name the directory in LIBRARY_DIRS.");
    if (is_dir(d.path)) inputs_.insert(d.path);
    std::vector<std::pair<std::string, std::string>> hits;  // bundle name, file
    std::vector<std::string> subs = variant_dirs(d.path);
    subs.push_back("");
    for (const std::string &sub : subs) {
      std::string rel = sub.empty() ? name : sub + "/" + name;
      std::string file = d.path + "/" + rel;
      if (!is_file(file)) continue;
      const ElfInfo &e = elf(file);
      if (!e.is_elf || e.machine != machine_ || e.elf_class != class_) {
        skipped.push_back(file);
        continue;
      }
      inputs_.insert(file);
      hits.emplace_back(rel, file);
    }
    if (hits.empty()) continue;
    // The baseline (or, without one, the first variant) is the object the
    // walk follows; every variant is bundled at its place under lib/ and
    // walked too, so the target's loader chooses among them as it would here.
    std::rotate(hits.begin(), hits.end() - (hits.back().first == name ? 1 : 0), hits.end());
    for (const auto &h : hits) {
      bundle(h.first, h.second, needer_path);
      objs.push_back({h.second, dirname_of(h.second), &elf(h.second), static_cast<int>(needer), {name}});
    }
    return;
  }
  std::string hint, searched;
  for (const std::string &s : skipped) hint += (hint.empty() ? "" : "', '") + s;
  if (!hint.empty()) hint = " Skipped because built for another machine: '" + hint + "'.";
  for (const SearchDir &d : search_path(objs, needer)) searched += "\n    " + d.path;
  throw std::runtime_error("cannot find the library '" + name + "' needed by '" + needer_path + "'." + hint +
                           "\n  Searched:" + searched +
                           "\n  Fix: install the package that provides it (for the target architecture), "
                           "add its directory with LIBRARY_DIRS, or leave it to the target system with "
                           "EXCLUDE_LIBRARIES.");
}

void Resolver::walk(std::vector<Object> &objs, size_t from) {
  for (size_t i = from; i < objs.size(); ++i) {
    const ElfInfo *e = objs[i].elf;
    for (const std::string &name : e->needed) {
      if (left(name)) left_names_.insert(name);
      else load(objs, i, name);
    }
  }
}

void Resolver::check_sonames() const {
  std::map<std::string, const Bundled *> owner;
  for (const auto &b : bundled_) {
    if (b.first.find('/') != std::string::npos) continue;  // hwcaps variants share their baseline's SONAME
    const std::string &soname = elf_.at(b.second.source).soname;
    if (soname.empty()) continue;
    auto it = owner.emplace(soname, &b.second);
    if (!it.second && !same_content(it.first->second->source, b.second.source))
      throw std::runtime_error("two different files offer the SONAME '" + soname + "': '" +
                               real_path(it.first->second->source) + "' and '" + real_path(b.second.source) +
                               "'. Fix: make the programs and LIBRARIES use one copy (check RUNPATHs and "
                               "LIBRARY_DIRS), or exclude one.");
  }
}

Closure Resolver::run() {
  Closure c;
  for (size_t p = 0; p < o_.programs.size(); ++p) {
    const std::string &file = o_.programs[p];
    const ElfInfo &e = root(file, "program");
    // The loader's $ORIGIN of a program is the directory of the real file
    // (/proc/self/exe), whatever symlink started it.
    std::vector<Object> objs{{file, dirname_of(real_path(file)), &e, -1, {}}};
    walk(objs, 0);
    if (p == 0) {
      size_t first = objs.size();
      for (const std::string &lib : o_.libraries) {
        const ElfInfo &le = root(lib, "library");
        std::string name = basename_of(lib);
        bundle(name, lib, "LIBRARIES");
        objs.push_back({lib, dirname_of(lib), &le, 0, {name}});
      }
      // Plugins are dlopen()ed by path: known by no name, bundled where
      // add_release_plugins() puts them, their closure in lib/.
      for (const std::string &plugin : o_.plugins) {
        const ElfInfo &pe = root(plugin, "plugin");
        objs.push_back({plugin, dirname_of(plugin), &pe, 0, {}});
        c.plugins.push_back({plugin, false, pe.has_rpath || pe.has_runpath});
      }
      walk(objs, first);
    }
    ProgramFacts facts{file, false, e.has_rpath || e.has_runpath};
    for (const std::string &n : e.needed) facts.needs_bundled = facts.needs_bundled || !left(n);
    c.programs.push_back(facts);
  }
  check_sonames();
  c.machine = machine_name(machine_);
  for (const auto &b : bundled_) c.bundled.push_back(b.second);
  c.inputs.assign(inputs_.begin(), inputs_.end());
  c.left.assign(left_names_.begin(), left_names_.end());
  return c;
}

}  // namespace

Closure resolve_closure(const ClosureOptions &options) { return Resolver(options).run(); }
