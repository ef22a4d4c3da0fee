// The glibc loader's library search, modelled per needing object, and the
// closure of a release computed with it (see docs/add_release.md, "How the
// closure is resolved").
#pragma once

#include <map>
#include <regex.h>
#include <string>
#include <vector>

#include "elf.hpp"

struct ClosureOptions {
  std::vector<std::string> programs;      // TARGETS, main program first
  std::vector<std::string> libraries;     // LIBRARIES (dlopen()ed by the main program)
  std::vector<std::string> plugins;       // add_release_plugins(): dlopen()ed by path, not bundled in lib/
  std::vector<std::string> library_dirs;  // LIBRARY_DIRS
  std::vector<std::string> system_dirs;   // ld.so.conf and the default directories
  std::vector<regex_t> left;              // names left to the target (glibc, EXCLUDE_LIBRARIES), POSIX ERE
  std::string lib;                        // what $LIB expands to
  std::string platform;                   // what $PLATFORM expands to
};

// One file of the release: lib/<name> (name may hold a hwcaps subdirectory).
struct Bundled {
  std::string name;
  std::string source;
  std::string needed_by;  // the first file that needed it ("LIBRARIES" for roots)
  bool has_search_path = false;  // comes with a DT_RPATH or DT_RUNPATH of its own
};

struct ProgramFacts {
  std::string file;
  bool needs_bundled = false;    // needs a library of the release
  bool has_search_path = false;  // comes with a DT_RPATH or DT_RUNPATH of its own
};

struct Closure {
  std::string machine;  // readelf's name of the main program's machine
  std::vector<ProgramFacts> programs;
  std::vector<ProgramFacts> plugins;  // in the order given (needs_bundled unused)
  std::vector<Bundled> bundled;      // sorted by name
  std::vector<std::string> inputs;   // every file and directory whose change may change the closure
  std::vector<std::string> left;     // the DT_NEEDED names left to the target system, sorted
};

// Computes the closure; on a problem of the input, throws std::runtime_error
// with a message that names the file, the entry and the fix.
Closure resolve_closure(const ClosureOptions &options);
