// What the helper's build-time steps share (loader/step.cpp): their argument
// files, the lock that makes concurrent builds of one tree take turns, the
// wording of their errors, depfiles, and the closure file they read.
#pragma once

#include <string>
#include <vector>

// The arguments of `release-loader <step> @<file>`: one per line of <file>,
// written at configure time by _release_step_args (cmake/ReleaseStepConfig.cmake).
// A line starting with '#' is a comment; in an argument "\n" stands for a
// newline, "\\" for a backslash and a leading "\#" for '#'. Throws
// std::runtime_error when the file cannot be read or an escape is unknown.
std::vector<std::string> read_args_file(const std::string &path);

// Takes <work>/<name>.lock, held until the process ends, exclusive or
// <shared>: an fcntl() record lock on the whole file, as CMake's file(LOCK)
// takes it (always exclusive) in the CMake steps, so that the second of two
// concurrent builds waits for the first. The locks (docs/internals.md):
// steps.lock for what resolve and stage write (closure, stage, the hashes),
// shared by the steps that only read it (verify, the SBOM); render.lock for
// rendered/; verify.lock and sbom.lock for each of those steps' own files.
// A step takes its locks in that order, so no two wait for each other.
void step_lock(const std::string &work, const std::string &name = "steps", bool shared = false);

// "add_release(<release>): <message>", the one wording of cmake-release's
// errors (_release_fail in cmake/ReleaseCommon.cmake).
std::string release_error(const std::string &release, const std::string &message);

// Writes the Make-style depfile <depfile>, only when its content changes:
// <output> depends on every <dependency>. With a <root> (Ninja: the top of
// the build tree) the paths inside it are written relative to it, as Ninja
// names its files; without one (Makefiles) absolute (_release_write_depfile).
void write_depfile(const std::string &depfile, const std::string &root, const std::string &output,
                   const std::vector<std::string> &dependencies);

// Creates <path> when missing and sets its times to now.
void touch(const std::string &path);

// <work>/closure.txt, the closure as the resolve step wrote it
// (`release-loader resolve --closure-out`), for the steps written in C++.
struct ClosureLibrary {
  std::string name;    // lib/<name> in the release
  std::string source;  // where it is staged from
  bool has_search_path = false;
};
struct ClosurePlugin {
  std::string rel;   // its path in the release (<destination>/<file name>)
  std::string file;  // where it is staged from
  bool has_search_path = false;
};
struct ClosureFile {
  std::string machine;                    // readelf's name of the main program's machine
  std::vector<std::string> program_files; // TARGETS' files, in order
  std::vector<ClosureLibrary> libraries;  // sorted by name
  std::vector<ClosurePlugin> plugins;     // in the order given
  std::vector<std::string> left;          // DT_NEEDED names left to the target system
};

// The text of a closure file: a first line naming the format, then one line
// per fact, fields separated by tabs, each escaped as in argument files.
std::string format_closure_file(const ClosureFile &closure);

// Reads <path>; throws std::runtime_error when it is missing, of another
// format or malformed.
ClosureFile read_closure_file(const std::string &path);
