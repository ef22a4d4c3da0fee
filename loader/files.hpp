// Whole-file reads and writes of the helper's subcommands (loader/files.cpp).
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

// The content of <path>; throws std::runtime_error naming the path and the
// reason when it cannot be read.
std::string read_file(const std::string &path);

// Like read_file, but false (errno set) when <path> cannot be read.
bool try_read_file(const std::string &path, std::string &content);

// dev:inode:size:mtime:ctime of <path>, or "missing": what changes when a
// file is replaced or rewritten, whatever its mtime says.
std::string file_identity(const std::string &path);

// file_identity() without the ctime, which the swap's hard links into the
// release change (a staged file is never written in place: new content
// comes with a new inode); _release_staged_identity in CMake.
std::string staged_identity(const std::string &path);

// Makes <path> hold <content> (through <path>.tmp and a rename, created with
// <mode> less the umask), unless it holds exactly that already: an unchanged
// file keeps its inode and times, which the image's layer reuse relies on
// (cmake/steps/oci-image.cmake). Throws std::runtime_error when it cannot.
void write_if_different(const std::string &path, const std::string &content, mode_t mode = 0666);

// Creates <dir> and its parents; throws std::runtime_error when it cannot.
void make_directories(const std::string &dir);

// The names in <dir> but . and .., sorted (none when <dir> does not exist and
// <missing_ok>); throws std::runtime_error when it cannot be read.
std::vector<std::string> list_dir(const std::string &dir, bool missing_ok = false);

// Removes <path> and, for a directory, all it holds (symbolic links are not
// followed); throws std::runtime_error when it cannot.
void remove_tree(const std::string &path);

// Copies <src> to <dst> (created, or truncated) with <mode>: in the kernel
// (copy_file_range: a reflink where the file system shares blocks), else
// through sendfile. Whole or not at all: a failed copy is removed. Throws
// std::runtime_error naming both paths and the reason.
void copy_file(const std::string &src, const std::string &dst, mode_t mode);

// Swaps the directory entries <a> and <b> in one step (renameat2
// RENAME_EXCHANGE). 0 when done, else the errno: EINVAL, ENOSYS or ENOTSUP
// where the kernel or the file system cannot exchange.
int exchange_entries(const std::string &a, const std::string &b);

bool exists(const std::string &path);

bool is_dir(const std::string &path);

bool is_file(const std::string &path);  // a regular file (symbolic links followed)

bool is_link(const std::string &path);

std::string read_link(const std::string &path);

// <path> with "." and "x/.." taken out and slashes collapsed, as text
// (cmake_path(NORMAL_PATH)) and without a trailing slash; a ".." that leaves
// the start of a relative path is kept, one above "/" is dropped.
std::string normal_path(const std::string &path);

// Every entry under <root> relative to it, sorted; directories are listed
// (with <dirs>) and descended into, symbolic links are listed and not
// followed (as file(GLOB_RECURSE) does). A missing <root> has none.
std::vector<std::string> tree_entries(const std::string &root, bool dirs);
