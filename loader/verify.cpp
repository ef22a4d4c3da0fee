// Build-time step 4 of add_release(): verify the staged release.
//
//   release-loader verify @<work>/steps/verify.args
//     --name <release> --vsn <vsn> --work-dir <work> [--programs <name>]...
//     [--hermetic <bool>] [--prefix <dir>] [--interpreter lib/<loader>]
//
// In:  <work>/closure.txt, <work>/stage, <work>/rendered.
// Out: <work>/manifest.txt (only when its content changes) and <work>/verify.stamp.
//
// Verify proves the staged release before the swap puts it in place:
// - it is complete: every program of TARGETS is in libexec/, every library of
//   the closure in lib/ and every plugin at its path;
// - every ELF file is whole: nothing its headers name reaches past the end of
//   the file (a copy or patchelf cut short by a full disk);
// - every ELF file is built for the release's machine, has only
//   $ORIGIN-relative RUNPATH/RPATH entries that stay inside the release, and
//   finds each library it needs where its search path reaches, unless resolve
//   left that name to the target system;
// - a HERMETIC release's loader links each name the staged loader.
// A missing or broken staged file is removed, and with it <work>/stage.stamp,
// so that the next build stages it anew instead of trusting it. The highest
// GLIBC_x.y version any file needs goes into the manifest, for the glibc check
// of container images.
//
// Why native: as a `cmake -P` step this cost about 110 ms after an edit (the
// process start, one helper call, and CMake's string handling per file); here
// every file's headers are read anew each time, with no per-file cache. That
// was measured on a loaded machine (load 14 on 2 cores): reading the headers
// of ffmpeg and its 212 libraries took ~80 ms of CPU per run, their identities
// (what a cache would compare) ~22 ms; worth measuring again on a quiet
// machine before deciding on a cache (docs/internals.md).
#include "verify.hpp"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <iostream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "elf.hpp"
#include "files.hpp"
#include "step.hpp"

namespace {

struct VerifyOptions {
  std::string name, vsn, work;
  std::vector<std::string> programs;
  bool hermetic = false;
  std::string prefix, interpreter;  // HERMETIC only
};

// The faults found, one message line each, by the kind of fix they need.
struct Faults {
  std::string broken;               // missing or damaged staged files: stage again
  std::vector<std::string> remove;  // the damaged files, removed so they are staged anew
  std::string foreign;              // inputs the target cannot load
  std::string ours;                 // mistakes of cmake-release (or patchelf)
};

// CMake's truth of a value as add_release() passes it (if(<value>)).
bool cmake_true(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::toupper(c); });
  if (v == "ON" || v == "YES" || v == "TRUE" || v == "Y") return true;
  return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos &&
         std::stoull(v) != 0;
}

VerifyOptions parse_options(int argc, char **argv) {
  VerifyOptions o;
  for (int i = 2; i < argc; i += 2) {
    std::string opt = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("verify: " + opt + " needs a value");
    std::string v = argv[i + 1];
    if (opt == "--name") o.name = v;
    else if (opt == "--vsn") o.vsn = v;
    else if (opt == "--work-dir") o.work = v;
    else if (opt == "--programs") o.programs.push_back(v);
    else if (opt == "--hermetic") o.hermetic = cmake_true(v);
    else if (opt == "--prefix") o.prefix = v;
    else if (opt == "--interpreter") o.interpreter = v;
    else throw std::invalid_argument("verify: unknown option " + opt);
  }
  if (o.name.empty() || o.work.empty()) throw std::invalid_argument("verify: --name and --work-dir are needed");
  return o;
}

std::string replace_all(std::string text, const std::string &from, const std::string &to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// What the stage must hold: its relative path and what it is staged from.
struct Source {
  std::string rel, file;
};

std::vector<Source> stage_sources(const VerifyOptions &o, const ClosureFile &c) {
  std::vector<Source> sources;
  for (size_t i = 0; i < o.programs.size(); ++i)
    sources.push_back({"libexec/" + o.programs[i], i < c.program_files.size() ? c.program_files[i] : ""});
  for (const ClosureLibrary &l : c.libraries) sources.push_back({"lib/" + l.name, l.source});
  for (const ClosurePlugin &p : c.plugins) sources.push_back({p.rel, p.file});
  return sources;
}

// " (staged from <source>)" for messages, "" for a file the stage need not hold.
std::string staged_from(const std::vector<Source> &sources, const std::string &rel) {
  for (const Source &s : sources)
    if (s.rel == rel) return " (staged from " + s.file + ")";
  return "";
}

// Whole: the file <rel> is ELF and ends where its headers say.
bool check_whole(const std::string &file, const std::string &rel, const ElfInfo &e,
                 const std::string &from, Faults &f) {
  struct stat st;
  unsigned long long size = stat(file.c_str(), &st) == 0 ? static_cast<unsigned long long>(st.st_size) : 0;
  if (!e.is_elf) {
    f.broken += "  " + rel + ": not a readable ELF file" + from + "\n";
  } else if (e.extent > size) {
    f.broken += "  " + rel + ": cut short, " + std::to_string(size) + " of " +
                std::to_string(e.extent) + " bytes" + from + "\n";
  } else {
    return true;
  }
  f.remove.push_back(file);
  return false;
}

// The directories of the stage the RUNPATH/RPATH entries of <file> reach;
// an entry not relative to $ORIGIN or leading outside is one of our faults.
std::vector<std::string> search_path(const std::string &stage, const std::string &file,
                                     const std::string &rel, const ElfInfo &e, bool is_library,
                                     Faults &f) {
  std::string origin = file.substr(0, file.rfind('/'));
  std::vector<std::string> entries = e.runpath;
  entries.insert(entries.end(), e.rpath.begin(), e.rpath.end());
  std::vector<std::string> reach;
  for (const std::string &entry : entries) {
    bool relative = entry.rfind("$ORIGIN", 0) == 0 || entry.rfind("${ORIGIN}", 0) == 0;
    size_t after = entry.rfind("${ORIGIN}", 0) == 0 ? 9 : 7;
    if (!relative || (entry.size() > after && entry[after] != '/')) {
      f.ours += "  " + rel + ": RUNPATH/RPATH entry '" + entry + "' is not relative to $ORIGIN\n";
      continue;
    }
    std::string dir = normal_path(replace_all(replace_all(entry, "${ORIGIN}", origin), "$ORIGIN", origin));
    if (dir != stage && dir.rfind(stage + "/", 0) != 0) {
      f.ours += "  " + rel + ": RUNPATH/RPATH entry '" + entry + "' leads outside the release\n";
      continue;
    }
    reach.push_back(dir);
  }
  // A library without a DT_RUNPATH of its own is searched through the
  // DT_RPATH of the program that loads it, $ORIGIN/../lib (stage step).
  if (e.runpath.empty() && is_library) reach.push_back(stage + "/lib");
  return reach;
}

// The whole ELF file <rel> is built for the release's machine and finds what
// it needs; raises <glibc> to the GLIBC_ version it needs.
void check_loadable(const std::string &stage, const std::string &file, const std::string &rel,
                    const ElfInfo &e, const ClosureFile &c, bool is_library,
                    const std::string &from, Faults &f, std::string &glibc) {
  std::string machine = machine_name(e.machine);
  if (machine != c.machine) f.foreign += "  " + rel + ": built for " + machine + ", not " + c.machine + from + "\n";
  std::vector<std::string> reach = search_path(stage, file, rel, e, is_library, f);
  for (const std::string &needed : e.needed) {
    if (std::find(c.left.begin(), c.left.end(), needed) != c.left.end()) continue;
    bool found = std::any_of(reach.begin(), reach.end(),
                             [&](const std::string &dir) { return exists(dir + "/" + needed); });
    if (!found) f.ours += "  " + rel + ": needs '" + needed + "', which its RUNPATH does not reach in the release\n";
  }
  if (!e.glibc.empty() && (glibc.empty() || version_less(glibc, e.glibc))) glibc = e.glibc;
}

const char *const loader_links_dir = "libexec/.cmake-release/loader";

// HERMETIC: exactly one link per program in <work>/rendered, each to
// ../../../<interpreter>, which is staged (cmake/ReleaseHermeticLinks.cmake
// makes them at render time).
void check_loader_links(const VerifyOptions &o, const std::string &stage, Faults &f) {
  if (!o.hermetic) return;
  std::string dir = o.work + "/rendered/" + loader_links_dir;
  if (!exists(stage + "/" + o.interpreter))
    f.ours += "  " + o.interpreter + ": the loader the links name is not staged\n";
  for (const std::string &entry : list_dir(dir, true))
    if (std::find(o.programs.begin(), o.programs.end(), entry) == o.programs.end())
      f.ours += std::string("  ") + loader_links_dir + "/" + entry + ": not a program of the release\n";
  std::string want = "../../../" + o.interpreter;
  for (const std::string &program : o.programs) {
    char to[4096];
    ssize_t n = readlink((dir + "/" + program).c_str(), to, sizeof to);
    if (n < 0 || std::string(to, static_cast<size_t>(n)) != want)
      f.ours += std::string("  ") + loader_links_dir + "/" + program + ": not a symbolic link to " + want + "\n";
  }
}

// Stops (exit 1) with the faults found, each kind with its own fix; damaged
// files and the stage stamp are removed first, so the next build stages anew.
int report(const VerifyOptions &o, const ClosureFile &c, const Faults &f) {
  std::string message;
  if (!f.broken.empty()) {
    for (const std::string &file : f.remove) std::remove(file.c_str());
    std::remove((o.work + "/stage.stamp").c_str());
    message = "the staged release is incomplete or damaged (the previous release, if any, stays in place):\n" +
              f.broken + "Fix: build again (cmake --build <build-dir> --target release-" + o.name +
              "): the files above were removed from the stage and will be staged anew. If it fails "
              "again, the file it is staged from is itself damaged or the disk is full: rebuild "
              "or reinstall that file, or free space.";
  } else if (!f.foreign.empty()) {
    message = "the staged release holds files the target cannot load:\n" + f.foreign +
              "Fix: build or install those files for " + c.machine +
              ", or take them out of TARGETS and LIBRARIES.";
  } else if (!f.ours.empty()) {
    message = "the staged release failed verification:\n" + f.ours +
              "Fix: none on your side, this is a bug of cmake-release or patchelf: please "
              "report it with this message.";
  } else {
    return 0;
  }
  std::cerr << release_error(o.name, message) << "\n";
  return 1;
}

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::string manifest(const VerifyOptions &o, const ClosureFile &c, const std::string &glibc) {
  std::vector<std::string> libraries;
  for (const ClosureLibrary &l : c.libraries) libraries.push_back(l.name);
  std::string text = "name=" + o.name + "\nversion=" + o.vsn + "\nmachine=" + c.machine +
                     "\nprograms=" + join(o.programs) + "\nlibraries=" + join(libraries) +
                     "\nglibc=" + glibc + "\n";
  // The bundled glibc provides the glibc= version of a HERMETIC release.
  if (o.hermetic) text += "hermetic=" + o.prefix + "/" + o.interpreter + "\n";
  return text;
}

}  // namespace

int cmd_verify(int argc, char **argv) {
  VerifyOptions o = parse_options(argc, argv);
  // Reads the stage and rendered/ (shared with the SBOM step), writes its own.
  step_lock(o.work, "steps", true);
  step_lock(o.work, "render", true);
  step_lock(o.work, "verify");
  ClosureFile c = read_closure_file(o.work + "/closure.txt");
  std::string stage = normal_path(o.work + "/stage");
  std::vector<Source> sources = stage_sources(o, c);
  Faults f;
  for (const Source &s : sources)
    if (!exists(stage + "/" + s.rel)) f.broken += "  " + s.rel + ": missing (staged from " + s.file + ")\n";

  std::string glibc;
  for (const std::string &rel : tree_entries(stage, false)) {
    std::string file = stage + "/" + rel;
    std::string from = staged_from(sources, rel);
    bool is_plugin = std::any_of(c.plugins.begin(), c.plugins.end(),
                                 [&](const ClosurePlugin &p) { return p.rel == rel; });
    ElfInfo e = read_elf(file);
    if (check_whole(file, rel, e, from, f))
      check_loadable(stage, file, rel, e, c, rel.rfind("lib/", 0) == 0 || is_plugin, from, f, glibc);
  }
  check_loader_links(o, stage, f);
  if (int rc = report(o, c, f)) return rc;
  write_if_different(o.work + "/manifest.txt", manifest(o, c, glibc));
  touch(o.work + "/verify.stamp");
  return 0;
}
