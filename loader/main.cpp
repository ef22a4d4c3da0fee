// release-loader: the native helper of cmake-release's build-time steps.
// add_release() compiles it for the build machine at configure time
// (cmake/ReleaseLoader.cmake); the steps in cmake/steps/ run it.
//
//   release-loader resolve --inputs <file> [--lib <v>] [--platform <v>] [--left <regex>]...
//                  [--library-dir <d>]... [--system-dir <d>]... [--program <f>]... [--library <f>]...
//                  [--plugin <f>]... [--plugin-rel <rel>]... [--closure-out <file>]
//                                               the closure as CMake set() commands; with
//                                               --closure-out also as <file> (loader/step.hpp),
//                                               each plugin at its --plugin-rel
//   release-loader swap --name <n> --vsn <v> --dir <d> --work-dir <d> [--depfile-root <d>]
//                  [--overlays <d>]...           the swap step: the new release in place
//                                               (loader/swap.cpp)
//   release-loader <command> @<file>            the arguments are the lines of <file>
//   release-loader identity <file>...           one identity line per file
//   release-loader check <inputs> <stamp>       touch <stamp> when an input changed
//   release-loader copy [--hashes <cache>] (<mode> <src> <dst>)...
//                                               the stage step's copies, with --hashes
//                                               hashed and renamed into place (loader/copy.cpp)
//   release-loader exchange <a> <b>             swap two directory entries in one step
//   release-loader dpkg <admindir> <status-out> <path>...
//                                               the Debian package of each path (loader/dpkg.cpp;
//                                               sbom's lookup, on its own for loader.dpkg)
//   release-loader status-d <status-file> <dir> a dpkg status file as <dir>/<package> files
//                                               (loader/dpkg.cpp; the OCI image's status.d)
//   release-loader sha256 <file>...             the SHA-256 of each file, one line each, as
//                                               file(SHA256) gives it (loader/sha256.cpp)
//   release-loader sbom --name <n> --vsn <v> --work-dir <work> [--depfile-root <d>] [--programs <name>]...
//                                               the SBOM build step, hashes cached (loader/sbom.cpp)
//   release-loader sbom --admindir <d> --docdir <d> --os-release <f> --out <d> --notices-out <d>
//                  --status-out <f>
//                  --name <n> --vsn <v> [--cache <f>] [--file <rel> <sha256>]...
//                  [--library <closure-name> <source> <sha256>]...
//                                               the SBOM, license notices and dpkg stanzas
//                                               (loader/sbom.cpp)
//   release-loader verify --name <n> --vsn <v> --work-dir <work> [--programs <name>]...
//                  [--hermetic <bool>] [--prefix <dir>] [--interpreter lib/<loader>]
//                                               the verify build step (loader/verify.cpp)
//
// Why native code: the closure walk, run as CMake script, was most of an
// ffmpeg release's time; and an input replaced with its old mtime (dpkg)
// can only be noticed by a check run on every build, which must cost about
// nothing. CMake hashes one file at a time in one thread (the SBOM hashes
// every file; sha256 hashes several at once, with the CPU's SHA instructions
// where it has them). The swap step's exchange (renameat2 RENAME_EXCHANGE)
// has no tool on a Debian 12 host: `mv --exchange` comes with coreutils 9.5,
// `exch` with util-linux 2.40. Exit status: 0 done, 1 a problem (message on stderr),
// 2 usage, 3 (exchange) the kernel or file system cannot exchange.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "closure.hpp"
#include "copy.hpp"
#include "dpkg.hpp"
#include "elf.hpp"
#include "sha256.hpp"
#include "files.hpp"
#include "sbom.hpp"
#include "step.hpp"
#include "swap.hpp"
#include "verify.hpp"

namespace {

// <value> as a CMake bracket argument.
std::string bracket(const std::string &value) {
  std::string eq;
  while (value.find("]" + eq + "]") != std::string::npos) eq += "=";
  return "[" + eq + "[" + value + "]" + eq + "]";
}

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &i : items) out += (out.empty() ? "" : ";") + i;
  return out;
}

void set(std::ostream &out, const std::string &var, const std::string &value) {
  out << "set(" << var << " " << bracket(value) << ")\n";
}

// One line per file, its fields separated by tabs (lists joined with ';'):
//   ELF MACHINE NEEDED RUNPATH RPATH GLIBC EXTENT
// ELF is TRUE for an ELF file, else empty (and so are MACHINE and EXTENT);
// EXTENT is the bytes the file needs to hold every segment, section and the
// section table. _release_elf_fields() (cmake/ReleaseLoader.cmake) reads it.
bool write_file_atomically(const std::string &path, const std::string &content) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << content;
    f.flush();
    if (!f) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// The closure as the steps written in C++ read it (loader/step.hpp).
ClosureFile closure_file(const Closure &c, const std::vector<std::string> &plugin_rels) {
  ClosureFile f;
  f.machine = c.machine;
  for (const ProgramFacts &p : c.programs) f.program_files.push_back(p.file);
  for (const Bundled &b : c.bundled) f.libraries.push_back({b.name, b.source, b.has_search_path});
  for (size_t i = 0; i < c.plugins.size(); ++i)
    f.plugins.push_back({plugin_rels[i], c.plugins[i].file, c.plugins[i].has_search_path});
  f.left = c.left;
  return f;
}

int cmd_resolve(int argc, char **argv) {
  ClosureOptions o;
  std::string inputs_file, closure_out;
  std::vector<std::string> plugin_rels;
  for (int i = 2; i < argc; ++i) {
    std::string opt = argv[i];
    if (i + 1 >= argc) return 2;
    std::string v = argv[++i];
    if (opt == "--inputs") inputs_file = v;
    else if (opt == "--lib") o.lib = v;
    else if (opt == "--platform") o.platform = v;
    else if (opt == "--left") {
      o.left.emplace_back();
      if (regcomp(&o.left.back(), v.c_str(), REG_EXTENDED | REG_NOSUB) != 0)
        throw std::runtime_error("the regular expression '" + v + "' is not valid");
    }
    else if (opt == "--library-dir") o.library_dirs.push_back(v);
    else if (opt == "--system-dir") o.system_dirs.push_back(v);
    else if (opt == "--program") o.programs.push_back(v);
    else if (opt == "--library") o.libraries.push_back(v);
    else if (opt == "--plugin") o.plugins.push_back(v);
    else if (opt == "--plugin-rel") plugin_rels.push_back(v);
    else if (opt == "--closure-out") closure_out = v;
    else return 2;
  }
  if (inputs_file.empty() || o.programs.empty()) return 2;
  if (!closure_out.empty() && plugin_rels.size() != o.plugins.size()) return 2;
  Closure c = resolve_closure(o);
  std::vector<std::string> names, sources, lib_paths, prog_needs, prog_paths;
  for (const Bundled &b : c.bundled) {
    names.push_back(b.name);
    sources.push_back(b.source);
    lib_paths.push_back(b.has_search_path ? "TRUE" : "FALSE");
  }
  for (const ProgramFacts &p : c.programs) {
    prog_needs.push_back(p.needs_bundled ? "TRUE" : "FALSE");
    prog_paths.push_back(p.has_search_path ? "TRUE" : "FALSE");
  }
  std::vector<std::string> plugin_paths;
  for (const ProgramFacts &p : c.plugins) plugin_paths.push_back(p.has_search_path ? "TRUE" : "FALSE");
  std::ostringstream out;
  set(out, "RELEASE_MACHINE", c.machine);
  set(out, "RELEASE_PLUGIN_HAS_SEARCH_PATH", join(plugin_paths));
  set(out, "RELEASE_CLOSURE_NAMES", join(names));
  set(out, "RELEASE_CLOSURE_SOURCES", join(sources));
  set(out, "RELEASE_CLOSURE_HAS_SEARCH_PATH", join(lib_paths));
  set(out, "RELEASE_PROGRAM_NEEDS_BUNDLED", join(prog_needs));
  set(out, "RELEASE_PROGRAM_HAS_SEARCH_PATH", join(prog_paths));
  set(out, "RELEASE_CLOSURE_LEFT", join(c.left));
  std::vector<std::string> files;
  std::string record;
  for (const std::string &in : c.inputs) {
    record += file_identity(in) + "\t" + in + "\n";
    struct stat st;
    if (stat(in.c_str(), &st) == 0 && S_ISREG(st.st_mode)) files.push_back(in);
  }
  set(out, "RELEASE_RESOLVE_INPUTS", join(files));
  if (!write_file_atomically(inputs_file, record))
    throw std::runtime_error("cannot write '" + inputs_file + "': " + std::strerror(errno));
  if (!closure_out.empty()) write_if_different(closure_out, format_closure_file(closure_file(c, plugin_rels)));
  std::cout << out.str();
  return 0;
}

int cmd_identity(int argc, char **argv) {
  std::string out;
  for (int i = 2; i < argc; ++i) out += file_identity(argv[i]) + "\n";
  std::cout << out;
  return 0;
}

// Touches <stamp> when it is missing, when <inputs> is missing, or when an
// input's identity is no longer the one recorded: the resolve step depends
// on <stamp>, so it runs again.
int cmd_check(int argc, char **argv) {
  if (argc != 4) return 2;
  std::ifstream in(argv[2]);
  bool changed = !in || access(argv[3], F_OK) != 0;
  std::string line;
  while (!changed && std::getline(in, line)) {
    size_t tab = line.find('\t');
    changed = tab == std::string::npos || file_identity(line.substr(tab + 1)) != line.substr(0, tab);
  }
  if (!changed) return 0;
  int fd = open(argv[3], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 || futimens(fd, nullptr) != 0) {
    std::cerr << "cannot touch '" << argv[3] << "': " << std::strerror(errno) << "\n";
    return 1;
  }
  close(fd);
  return 0;
}

// Swaps the directory entries <a> and <b> in one step, so that the path of a
// release always names a whole release, the old one or the new one. Exit 3
// where the kernel or the file system cannot (the swap step then falls back
// to two renames).
int cmd_exchange(int argc, char **argv) {
  if (argc != 4) return 2;
  int err = exchange_entries(argv[2], argv[3]);
  if (err == 0) return 0;
  std::cerr << "cannot exchange '" << argv[2] << "' and '" << argv[3] << "': " << std::strerror(err)
            << "\n";
  return (err == EINVAL || err == ENOSYS || err == ENOTSUP) ? 3 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  std::ios::sync_with_stdio(false);
  std::string cmd = argc > 1 ? argv[1] : "";
  int rc = 2;
  // `release-loader <command> @<file>`: the arguments are the lines of
  // <file> (a build step's argument file, loader/step.hpp).
  std::vector<std::string> file_args;
  std::vector<char *> expanded;
  try {
    if (argc == 3 && argv[2][0] == '@') {
      file_args = read_args_file(argv[2] + 1);
      expanded = {argv[0], argv[1]};
      for (std::string &a : file_args) expanded.push_back(a.data());
      expanded.push_back(nullptr);
      argc = static_cast<int>(expanded.size()) - 1;
      argv = expanded.data();
    }
    if (cmd == "resolve") rc = cmd_resolve(argc, argv);
    else if (cmd == "identity") rc = cmd_identity(argc, argv);
    else if (cmd == "check") rc = cmd_check(argc, argv);
    else if (cmd == "copy") rc = cmd_copy(argc, argv);
    else if (cmd == "exchange") rc = cmd_exchange(argc, argv);
    else if (cmd == "dpkg") rc = cmd_dpkg(argc, argv);
    else if (cmd == "status-d") rc = cmd_status_d(argc, argv);
    else if (cmd == "sha256") rc = cmd_sha256(argc, argv);
    else if (cmd == "sbom") rc = cmd_sbom(argc, argv);
    else if (cmd == "swap") rc = cmd_swap(argc, argv);
    else if (cmd == "verify") rc = cmd_verify(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  if (rc == 2) std::cerr << "release-loader: bad arguments (see the top of loader/main.cpp)\n";
  return rc;
}
