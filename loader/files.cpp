// Whole-file reads and writes of the helper's subcommands (files.hpp).
#include "files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdexcept>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

std::runtime_error failure(const char *what, const std::string &path, int err) {
  return std::runtime_error(std::string(what) + " '" + path + "': " + std::strerror(err));
}

}  // namespace

bool try_read_file(const std::string &path, std::string &out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  // One read of the size fstat() gives (then more, until the end, should
  // the file have grown meanwhile).
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size) + 1);
  char buf[1 << 16];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  int err = errno;
  close(fd);
  errno = err;
  return n == 0;
}

std::string read_file(const std::string &path) {
  std::string text;
  if (!try_read_file(path, text)) throw failure("cannot read", path, errno);
  return text;
}

std::string file_identity(const std::string &path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return "missing";
  return std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino) + ':' + std::to_string(st.st_size) +
         ':' + std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) + ':' +
         std::to_string(st.st_ctim.tv_sec) + '.' + std::to_string(st.st_ctim.tv_nsec);
}

std::string staged_identity(const std::string &path) {
  std::string id = file_identity(path);
  return id == "missing" ? id : id.substr(0, id.rfind(':'));
}

void write_if_different(const std::string &path, const std::string &content, mode_t mode) {
  std::string old;
  if (try_read_file(path, old) && old == content) return;
  const std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw failure("cannot write", tmp, errno);
  std::size_t done = 0;
  int err = 0;
  while (err == 0 && done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) err = errno;
    else done += static_cast<std::size_t>(n);
  }
  if (close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    unlink(tmp.c_str());
    throw failure("cannot write", path, err);
  }
}

void make_directories(const std::string &dir) {
  if (mkdir(dir.c_str(), 0777) == 0) return;
  int err = errno;
  const std::size_t slash = dir.rfind('/');
  if (err == ENOENT && slash != std::string::npos && slash > 0) {  // the parent first
    make_directories(dir.substr(0, slash));
    if (mkdir(dir.c_str(), 0777) == 0) return;
    err = errno;
  }
  struct stat st;
  if (err == EEXIST && stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
  throw failure("cannot create", dir, err == EEXIST ? ENOTDIR : err);
}

std::vector<std::string> list_dir(const std::string &dir, bool missing_ok) {
  std::vector<std::string> names;
  DIR *d = opendir(dir.c_str());
  if (!d && missing_ok && errno == ENOENT) return names;
  if (!d) throw failure("cannot read", dir, errno);
  while (const dirent *e = readdir(d))
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
      names.emplace_back(e->d_name);
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

namespace {
int remove_entry(const char *path, const struct stat *, int, struct FTW *) {
  return remove(path) == 0 ? 0 : errno;
}
}  // namespace

void remove_tree(const std::string &path) {
  int err = nftw(path.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  if (err != 0) throw failure("cannot remove", path, err > 0 ? err : errno);
}

// Copies <src> to <dst> (created, or truncated) with <mode>: in the kernel
// (copy_file_range: a reflink where the file system shares blocks), else
// through sendfile. Whole or not at all: a failed copy is removed.
void copy_file(const std::string &src, const std::string &dst, mode_t m) {
  int in = open(src.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw std::runtime_error("cannot read '" + src + "': " + std::strerror(errno));
  int out = open(dst.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, m);
  int err = out < 0 ? errno : 0;
  bool in_kernel = true;
  while (err == 0) {
    ssize_t n = in_kernel ? copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0)
                          : sendfile(out, in, nullptr, 1 << 30);
    if (n > 0) continue;
    if (n == 0) break;
    if (in_kernel && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
      in_kernel = false;  // nothing written yet by the failed call; the offsets are where they were
      continue;
    }
    err = errno;
  }
  if (err == 0 && fchmod(out, m) != 0) err = errno;
  if (out >= 0 && close(out) != 0 && err == 0) err = errno;
  close(in);
  if (err != 0) {
    unlink(dst.c_str());
    throw std::runtime_error("cannot copy '" + src + "' to '" + dst + "': " + std::strerror(err));
  }
}


int exchange_entries(const std::string &a, const std::string &b) {
  constexpr unsigned exchange_flag = 1u << 1;  // RENAME_EXCHANGE (linux/fs.h)
#ifdef SYS_renameat2
  if (syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), exchange_flag) == 0) return 0;
  return errno;
#else
  return ENOSYS;
#endif
}

bool exists(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

bool is_dir(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_link(const std::string &path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

std::string read_link(const std::string &path) {
  std::string to(4096, '\0');
  ssize_t n = readlink(path.c_str(), &to[0], to.size());
  if (n < 0) throw failure("cannot read the link", path, errno);
  to.resize(static_cast<size_t>(n));
  return to;
}

std::string normal_path(const std::string &path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!absolute) parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (const std::string &p : parts) out += (out.empty() || out == "/" ? "" : "/") + p;
  return out;
}

namespace {

void walk(const std::string &root, const std::string &rel, bool dirs, std::vector<std::string> &out) {
  for (const std::string &name : list_dir(rel.empty() ? root : root + "/" + rel, rel.empty())) {
    std::string sub = rel.empty() ? name : rel + "/" + name;
    struct stat st;
    if (lstat((root + "/" + sub).c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (dirs) out.push_back(sub);
      walk(root, sub, dirs, out);
    } else {
      out.push_back(sub);
    }
  }
}

}  // namespace

std::vector<std::string> tree_entries(const std::string &root, bool dirs) {
  std::vector<std::string> out;
  walk(root, "", dirs, out);
  std::sort(out.begin(), out.end());
  return out;
}
