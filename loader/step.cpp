// The shared parts of the helper's build-time steps (loader/step.hpp).
#include "step.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "files.hpp"

namespace {

const char closure_format[] = "cmake-release closure 1";

std::string unescape(const std::string &text, const std::string &where) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (next == 'n') out += '\n';
    else if (next == 't') out += '\t';
    else if (next == '\\') out += '\\';
    else if (next == '#' && i == 0) out += '#';
    else throw std::runtime_error(where + ": unknown escape in '" + text + "'");
    ++i;
  }
  return out;
}

std::string escape(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

std::vector<std::string> split(const std::string &text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

// <path> relative to <root> when it is inside it, else as it is.
std::string depfile_path(const std::string &path, const std::string &root) {
  if (root.empty()) return path;
  std::string prefix = root.back() == '/' ? root : root + "/";
  if (path.compare(0, prefix.size(), prefix) == 0) return path.substr(prefix.size());
  return path;
}

std::string depfile_escape(const std::string &path) {
  std::string out;
  for (char c : path) out += c == ' ' ? std::string("\\ ") : std::string(1, c);
  return out;
}

}  // namespace

std::vector<std::string> read_args_file(const std::string &path) {
  std::vector<std::string> args;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    args.push_back(unescape(line, path));
  }
  return args;
}

void step_lock(const std::string &work, const std::string &name, bool shared) {
  std::string path = work + "/" + name + ".lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  struct flock l {};
  l.l_type = shared ? F_RDLCK : F_WRLCK;
  l.l_whence = SEEK_SET;
  int rc = fd < 0 ? -1 : 0;
  while (rc == 0 && fcntl(fd, F_SETLKW, &l) != 0) {
    if (errno != EINTR) rc = -1;
  }
  if (rc != 0)
    throw std::runtime_error("cannot lock '" + path + "' (" + std::strerror(errno) +
                             "). Fix: make the build directory writable, then build again.");
  // The descriptor stays open: the lock is the process's until it ends.
}

std::string release_error(const std::string &release, const std::string &message) {
  return "add_release(" + release + "): " + message;
}

void write_depfile(const std::string &depfile, const std::string &root, const std::string &output,
                   const std::vector<std::string> &dependencies) {
  std::string text = depfile_escape(depfile_path(output, root)) + ":";
  for (const std::string &dep : dependencies) text += " \\\n  " + depfile_escape(depfile_path(dep, root));
  write_if_different(depfile, text + "\n");
}

void touch(const std::string &path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 || futimens(fd, nullptr) != 0) {
    int err = errno;
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot touch '" + path + "': " + std::strerror(err));
  }
  close(fd);
}

std::string format_closure_file(const ClosureFile &c) {
  std::string out = std::string(closure_format) + "\n";
  out += "machine\t" + escape(c.machine) + "\n";
  for (const std::string &f : c.program_files) out += "program\t" + escape(f) + "\n";
  for (const ClosureLibrary &l : c.libraries)
    out += "library\t" + escape(l.name) + "\t" + escape(l.source) + "\t" +
           (l.has_search_path ? "1" : "0") + "\n";
  for (const ClosurePlugin &p : c.plugins)
    out += "plugin\t" + escape(p.rel) + "\t" + escape(p.file) + "\t" + (p.has_search_path ? "1" : "0") +
           "\n";
  for (const std::string &n : c.left) out += "left\t" + escape(n) + "\n";
  return out;
}

ClosureFile read_closure_file(const std::string &path) {
  std::istringstream in(read_file(path));
  std::string line;
  if (!std::getline(in, line) || line != closure_format)
    throw std::runtime_error("'" + path + "' is not a closure file of this cmake-release (build again: "
                             "the resolve step writes it)");
  ClosureFile c;
  while (std::getline(in, line)) {
    std::vector<std::string> f = split(line, '\t');
    for (std::string &field : f) field = unescape(field, path);
    const std::string &kind = f[0];
    bool ok = true;
    if (kind == "machine" && f.size() == 2) c.machine = f[1];
    else if (kind == "program" && f.size() == 2) c.program_files.push_back(f[1]);
    else if (kind == "left" && f.size() == 2) c.left.push_back(f[1]);
    else if (kind == "library" && f.size() == 4) c.libraries.push_back({f[1], f[2], f[3] == "1"});
    else if (kind == "plugin" && f.size() == 4) c.plugins.push_back({f[1], f[2], f[3] == "1"});
    else ok = false;
    if (!ok) throw std::runtime_error("'" + path + "': malformed line '" + line + "'");
  }
  return c;
}
