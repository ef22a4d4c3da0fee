// The swap step of add_release(): put the new release in place
// (`release-loader swap @<work>/steps/swap.args`, docs/internals.md).
//
// In:  <work>/stage, <work>/rendered, <work>/manifest.txt, <work>/sbom,
//      <work>/sbom-notices (as share/licenses/<package>/copyright), the
//      OVERLAYS. Out: <OUTPUT_DIRECTORY>/<name>, <work>/assembled.stamp and
//      the depfile <work>/swap.d.
//
// The new release is built beside the old one (.<name>.new: hard links to the
// staged files, which are never modified once staged, and to the SBOM's files,
// which the SBOM step replaces by rename, never rewrites; copies of the rest,
// overlays normalised), then exchanged with the old one in one step
// (renameat2 RENAME_EXCHANGE): the path of the release always names a whole
// release, the old or the new. Then the tmp/ directory of the old release (a
// running daemon's pid file and log) moves into the new one, and the old one
// is removed. A swap interrupted at any point is finished by the next run
// before anything else (recover), so a daemon's tmp/ is never lost. Where the
// exchange is not possible (a kernel or file system without it) two renames
// do the same with a moment without a release; the recovery covers that
// order too. Concurrent builds of one tree take turns (step_lock).
//
// Symbolic links in OVERLAYS: a link whose target, read relative to the
// link's place in the release, names a file inside the release is resolved
// at assembly: the release holds that file at the link's place (a hard link
// to it, a copy across file systems), never a symbolic link. A release holds
// only regular files and directories, so every consumer (install(DIRECTORY),
// CPack, image layers, `cp -r`, the SBOM) sees one kind of entry and no link
// can be re-pointed outside later; links into the release (an alias of a
// staged plugin, etc/current.conf -> default.conf) are how projects lay out
// files. Refused: absolute targets and targets that leave the release,
// targets the release does not hold, directories. The link itself is not a
// dependency of the step (its target may be missing from the overlay); the
// directory holding it is (adding, removing or re-pointing a link changes it).
#include "swap.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "files.hpp"
#include "step.hpp"

namespace {

struct Options {
  std::string name, vsn, dir, work, depfile_root;
  std::vector<std::string> overlays;
};

// The new release under construction, and what a failure must say.
struct Swap {
  Options o;
  std::string out_dir, release, fresh, old;

  // Stops, removing the half-made .<name>.new: the previous release stays.
  [[noreturn]] void fail(const std::string &message) const {
    remove_if_there(fresh);
    throw std::runtime_error(release_error(o.name, message));
  }
  // A write into the new release failed.
  [[noreturn]] void fail_write(const std::string &what, const std::string &path, const std::string &why) const {
    fail("cannot " + what + " '" + path + "' (" + why +
         "): the previous release is left as it was. Fix: make sure the file system of OUTPUT_DIRECTORY ('" +
         out_dir + "') is writable and has free space, then build again.");
  }
  static void remove_if_there(const std::string &path) {
    struct stat st;
    if (lstat(path.c_str(), &st) == 0) remove_tree(path);
  }
};

std::string parent(const std::string &path) {
  size_t at = path.rfind('/');
  return at == std::string::npos ? "" : at == 0 ? "/" : path.substr(0, at);
}
std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Finishes what an interrupted swap left: the old release back in place if
// it was renamed away (two-rename order), a tmp/ left in <new> or <old>
// moved to the release, then <new> and <old> removed.
void recover(const Swap &s) {
  if (is_dir(s.old) && !exists(s.release)) std::rename(s.old.c_str(), s.release.c_str());
  for (const std::string &side : {s.fresh, s.old}) {
    if (is_dir(side + "/tmp") && is_dir(s.release) && !exists(s.release + "/tmp"))
      std::rename((side + "/tmp").c_str(), (s.release + "/tmp").c_str());
  }
  Swap::remove_if_there(s.fresh);
  Swap::remove_if_there(s.old);
}

// Makes each directory of <dirs> that is missing, mode 0755 whatever the
// umask (each is listed after its parent).
void make_dirs(const Swap &s, const std::vector<std::string> &dirs) {
  for (const std::string &d : dirs) {
    if (is_dir(d)) continue;
    if (mkdir(d.c_str(), 0755) != 0 || chmod(d.c_str(), 0755) != 0)
      s.fail_write("create directories for the new release", s.fresh, "cannot create '" + d + "': " +
                   std::strerror(errno));
  }
}

// <to> as a hard link to <from>, or a copy where the link cannot be made
// (another file system).
void link_or_copy(const Swap &s, const std::string &what, const std::string &from, const std::string &to) {
  if (link(from.c_str(), to.c_str()) == 0) return;
  struct stat st;
  try {
    if (stat(from.c_str(), &st) != 0) throw std::runtime_error(std::strerror(errno));
    copy_file(from, to, st.st_mode & 07777);
  } catch (const std::runtime_error &e) {
    s.fail_write(what, to, e.what());
  }
}

void copy_with_mode(const Swap &s, const std::string &what, const std::string &from, const std::string &to,
                    mode_t mode) {
  try {
    copy_file(from, to, mode);
    if (chmod(to.c_str(), mode) != 0) throw std::runtime_error(std::strerror(errno));
  } catch (const std::runtime_error &e) {
    s.fail_write(what, to, e.what());
  }
}

// <to> as a hard link to <from> when <from> has <mode> already, else a copy
// with <mode>. Only for files their step replaces by rename (write_if_different)
// and never rewrites in place, so the link cannot change under an older release.
// Why: a clean release of ffmpeg links its 190 license notices instead of
// allocating 190 more inodes, which cost most of the swap (0.2-0.4 s) on an
// ext4 that has just removed the previous build (its inode allocator steps
// over recently deleted inodes one by one).
void link_with_mode(const Swap &s, const std::string &what, const std::string &from, const std::string &to,
                    mode_t mode) {
  struct stat st;
  if (stat(from.c_str(), &st) == 0 && (st.st_mode & 07777) == mode && link(from.c_str(), to.c_str()) == 0)
    return;
  copy_with_mode(s, what, from, to, mode);
}

// What an overlay adds: its directories and files (relative), the links to
// resolve once every file is there, and the step's dependencies.
struct OverlayLink {
  std::string path, rel, target;
};

// Lists an overlay and refuses what a release must not hold: anything but
// regular files, directories and symbolic links into the release, a
// top-level tmp (the daemon's state lives there), a file that would replace
// one the release makes itself. Then copies it in, with normalised modes:
// 0755 when the owner may execute a file, else 0644; never setuid, setgid
// or writable by anyone but the owner, whatever the overlay's modes.
void add_overlay(const Swap &s, std::string overlay, std::vector<OverlayLink> &links,
                 std::vector<std::string> &deps) {
  overlay = without_trailing_slashes(overlay);
  std::vector<std::string> all = tree_entries(overlay, true);
  for (const std::string &rel : all) {
    struct stat st;
    if (lstat((overlay + "/" + rel).c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode) &&
        !S_ISLNK(st.st_mode))
      s.fail("the overlay entry '" + overlay + "/" + rel +
             "' is not a regular file or directory (a device, socket or pipe). Fix: remove it from the overlay.");
  }
  deps.push_back(overlay);
  std::vector<std::string> dirs, files;
  for (const std::string &rel : all) {
    std::string path = overlay + "/" + rel;
    if (rel == "tmp" || rel.compare(0, 4, "tmp/") == 0)
      s.fail("the overlay entry '" + path + "' is in tmp/, which the control script keeps for the running "
             "daemon's pid file and log (every assembly would replace it). Fix: move it elsewhere in the "
             "overlay, e.g. var/ or share/.");
    std::string in_release = s.fresh + "/" + rel;
    if (exists(in_release) && !(is_dir(path) && is_dir(in_release)))
      s.fail("the overlay file '" + path + "' would replace '" + rel +
             "', which the release makes itself. Fix: rename or remove it from the overlay.");
    if (is_link(path)) {
      std::string to = read_link(path);
      std::string dir = parent(rel);
      std::string target = normal_path(dir.empty() ? to : dir + "/" + to);
      if (to[0] == '/' || target == ".." || target.compare(0, 3, "../") == 0 || target.empty())
        s.fail("the overlay entry '" + path + "' is a symbolic link to '" + to +
               "', outside the release: a release holds only its own files. Fix: replace the link by a copy "
               "of what it points to (cp -L), or point it at a file of the release with a relative path "
               "(links inside the release are resolved at assembly).");
      links.push_back({path, rel, target});
      continue;
    }
    deps.push_back(path);
    (is_dir(path) ? dirs : files).push_back(rel);
  }
  std::vector<std::string> new_dirs;
  for (const std::string &d : dirs) new_dirs.push_back(s.fresh + "/" + d);
  make_dirs(s, new_dirs);
  for (const std::string &rel : files) {
    struct stat st;
    if (stat((overlay + "/" + rel).c_str(), &st) != 0)
      s.fail_write("copy the overlay file to", s.fresh + "/" + rel, std::strerror(errno));
    copy_with_mode(s, "copy the overlay file to", overlay + "/" + rel, s.fresh + "/" + rel,
                   (st.st_mode & S_IXUSR) ? 0755 : 0644);
  }
}

// Puts the file each link names at the link's place, once every file of
// the release is there; a link to a link is resolved after the link it names.
void resolve_links(const Swap &s, std::vector<OverlayLink> pending) {
  while (!pending.empty()) {
    std::vector<OverlayLink> left;
    for (const OverlayLink &l : pending) {
      std::string target = s.fresh + "/" + l.target, at = s.fresh + "/" + l.rel;
      if (is_dir(target))
        s.fail("the overlay entry '" + l.path + "' is a symbolic link to the directory '" + l.target +
               "' of the release. Fix: link the files one by one, or copy the directory into the overlay.");
      if (!exists(target)) {
        left.push_back(l);
        continue;
      }
      if (exists(at))
        s.fail("the overlay file '" + l.path + "' would replace '" + l.rel +
               "', which the release makes itself. Fix: rename or remove it from the overlay.");
      link_or_copy(s, "put the file a link of the overlay names at", target, at);
    }
    if (left.size() == pending.size())
      s.fail("the overlay entry '" + left[0].path + "' is a symbolic link to '" + left[0].target +
             "', which the release does not hold (or a cycle of links). Fix: point it at a file of the "
             "release, or remove it.");
    pending = left;
  }
}

// The staged files, the rendered files, the manifest and the SBOM's files and
// license notices in the new release, with every directory they need.
void fill(const Swap &s) {
  const std::string stage = s.o.work + "/stage", rendered = s.o.work + "/rendered", sbom = s.o.work + "/sbom";
  const std::string notices = s.o.work + "/sbom-notices";
  std::vector<std::string> staged = tree_entries(stage, false), from_render = tree_entries(rendered, false),
                           from_sbom = tree_entries(sbom, false), packages = list_dir(notices, true);
  std::vector<std::string> notice_rels;  // <notices>/<package> is share/licenses/<package>/copyright
  for (const std::string &p : packages) notice_rels.push_back("share/licenses/" + p + "/copyright");
  std::vector<std::string> dirs = {s.fresh, s.fresh + "/bin", s.fresh + "/releases",
                                   s.fresh + "/releases/" + s.o.vsn};
  // Every directory a file needs, parents first (a sorted list of paths
  // lists each parent before what it holds).
  auto add_parents = [&](const std::vector<std::string> &rels) {
    for (const std::string &rel : rels)
      for (std::string d = parent(rel); !d.empty(); d = parent(d)) dirs.push_back(s.fresh + "/" + d);
  };
  add_parents(staged);
  add_parents(from_render);
  add_parents(from_sbom);
  add_parents(notice_rels);
  std::sort(dirs.begin() + 1, dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  make_dirs(s, dirs);
  for (const std::string &rel : staged)
    link_or_copy(s, "link or copy the staged file to", stage + "/" + rel, s.fresh + "/" + rel);
  // Control script, env hook, launcher (modes as rendered: 0755 and 0644),
  // a HERMETIC release's links to its loader (verify proved them; they stay
  // links: cmake/ReleaseHermeticLinks.cmake).
  for (const std::string &rel : from_render) {
    std::string from = rendered + "/" + rel, to = s.fresh + "/" + rel;
    if (is_link(from)) {
      if (symlink(read_link(from).c_str(), to.c_str()) != 0) s.fail_write("write", to, std::strerror(errno));
      continue;
    }
    struct stat st;
    if (stat(from.c_str(), &st) != 0) s.fail_write("write", to, std::strerror(errno));
    copy_with_mode(s, "write", from, to, st.st_mode & 0777);
  }
  copy_with_mode(s, "write", s.o.work + "/manifest.txt", s.fresh + "/releases/" + s.o.vsn + "/manifest.txt", 0644);
  for (const std::string &rel : from_sbom) link_with_mode(s, "write", sbom + "/" + rel, s.fresh + "/" + rel, 0644);
  for (size_t i = 0; i < packages.size(); ++i)
    link_with_mode(s, "write", notices + "/" + packages[i], s.fresh + "/" + notice_rels[i], 0644);
}

// The exchange, or two renames where the kernel or file system cannot;
// each state between two steps is one that recover() finishes.
void put_in_place(const Swap &s) {
  bool exchanged = false;
  if (is_dir(s.release)) {
    int err = exchange_entries(s.fresh, s.release);
    exchanged = err == 0;
    if (!exchanged && err != EINVAL && err != ENOSYS && err != ENOTSUP)
      s.fail_write("put the new release in place", s.release,
                   "cannot exchange '" + s.fresh + "' and '" + s.release + "': " + std::strerror(err));
  }
  if (exchanged) {
    // .<name>.new now holds the old release, with the daemon's tmp/.
    if (is_dir(s.fresh + "/tmp")) std::rename((s.fresh + "/tmp").c_str(), (s.release + "/tmp").c_str());
  } else {
    if (is_dir(s.release + "/tmp")) std::rename((s.release + "/tmp").c_str(), (s.fresh + "/tmp").c_str());
    if (exists(s.release)) std::rename(s.release.c_str(), s.old.c_str());
    if (std::rename(s.fresh.c_str(), s.release.c_str()) != 0)
      s.fail_write("put the new release in place", s.release, std::strerror(errno));
  }
  Swap::remove_if_there(s.fresh);
  Swap::remove_if_there(s.old);
}

}  // namespace

int cmd_swap(int argc, char **argv) {
  Swap s;
  for (int i = 2; i < argc; ++i) {
    std::string opt = argv[i];
    if (i + 1 >= argc) return 2;
    std::string v = argv[++i];
    if (opt == "--name") s.o.name = v;
    else if (opt == "--vsn") s.o.vsn = v;
    else if (opt == "--dir") s.o.dir = v;
    else if (opt == "--work-dir") s.o.work = v;
    else if (opt == "--depfile-root") s.o.depfile_root = v;
    else if (opt == "--overlays") s.o.overlays.push_back(v);
    else return 2;
  }
  if (s.o.name.empty() || s.o.vsn.empty() || s.o.dir.empty() || s.o.work.empty()) return 2;
  s.release = without_trailing_slashes(s.o.dir);
  s.out_dir = parent(s.release);
  s.fresh = s.out_dir + "/." + s.o.name + ".new";
  s.old = s.out_dir + "/." + s.o.name + ".old";
  // Reads what every other step wrote: none of them runs meanwhile.
  step_lock(s.o.work);
  step_lock(s.o.work, "render", true);
  recover(s);
  try {
    make_directories(s.out_dir);
  } catch (const std::runtime_error &e) {
    s.fail_write("create directories for the new release", s.fresh, e.what());
  }
  fill(s);
  std::vector<OverlayLink> links;
  std::vector<std::string> deps = {s.o.work + "/manifest.txt"};
  for (const std::string &overlay : s.o.overlays) add_overlay(s, overlay, links, deps);
  resolve_links(s, links);
  // bin/<name> is a declared output of this step: the copy has the time of
  // now already, but a rendered file copied with its time would make the
  // build tool run this step every time.
  std::string control = s.fresh + "/bin/" + s.o.name;
  if (exists(control)) touch(control);
  put_in_place(s);
  // The manifest is always listed, so the depfile is never empty.
  write_depfile(s.o.work + "/swap.d", s.o.depfile_root, s.o.work + "/assembled.stamp", deps);
  touch(s.o.work + "/assembled.stamp");
  return 0;
}
