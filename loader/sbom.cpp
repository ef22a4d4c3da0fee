// release-loader sbom @<work>/steps/sbom.args     the SBOM build step:
//                     --name <release> --vsn <vsn> --work-dir <work>
//                     [--depfile-root <dir>] [--programs <name>]...
// release-loader sbom --admindir <dir> --docdir <dir> --os-release <file>
//                     --out <dir> --notices-out <dir> --status-out <file>
//                     --name <release> --vsn <vsn> [--cache <file>]
//                     [--file <release-path> <sha256>]...
//                     [--library <closure-name> <source-path> <sha256>]...
//
// The SBOM step (docs/sbom.md), in one process: which Debian package owns
// each bundled library (dpkg.cpp, from the database in --admindir), the
// purl's distribution from --os-release, and then
//   <out>/releases/<vsn>/sbom.cdx.json  the CycloneDX 1.5 document
//   <notices-out>/<package>             <docdir>/<package>/copyright, which the
//                                       swap step puts in the release as
//                                       share/licenses/<package>/copyright
//   <status-out>                        the owners' dpkg status stanzas, one
//                                       dpkg status file (dpkg.hpp)
// each written only when its content changes (the image's library layer is
// reused while its files keep their times), and no other release's
// directory or license notice is left there. Flat files, not a directory per
// package: from clean, ffmpeg's 190 packages cost 380 fewer new inodes, which
// a journal-less ext4 allocates slowly right after a clean deleted the old
// ones (the kernel's recently_deleted() check; ~40% of this step's time). With --cache, dpkg's
// answers are kept in <file> (dpkg_owners_cached: reading the packages' file
// lists is most of this command's time, about 0.1 s of CPU for ffmpeg). --file
// are the release's own files (programs and plugins), listed in the described
// component in the order given; --library each bundled library, in closure
// order, as lib/<closure-name>. Prints the files read that the step's
// depfile names: dpkg's status file (when there is one) and each copyright
// file, one per line.
//
// With --work-dir it is the whole build step, run by Ninja with the
// arguments _release_step_args wrote: under the steps' lock, the programs
// (libexec/<name>), plugins and libraries from <work>/closure.txt, their
// hashes from the staged files (cached by identity in <work>/sbom-hashes.txt:
// hashes.cpp), the host's dpkg database, /usr/share/doc and /etc/os-release,
// out <work>/sbom, <work>/sbom-notices and <work>/sbom-status, dpkg's answers cached in
// <work>/sbom-dpkg.txt; then the depfile <work>/sbom.d (the files read) and
// <work>/sbom.stamp.
//
// Why native: as CMake script the step spent most of its time per package
// (reading the copyright file, the license regex, directory and copy
// commands, JSON strings: about 0.35 s for ffmpeg's 190 packages), and asked
// the helper for dpkg's answers in a second process; the hashes and their
// cache then cost a `cmake -P` start and two more processes (~100 ms after
// an edit of exrelease).
#include "sbom.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <vector>

#include "dpkg.hpp"
#include "files.hpp"
#include "hashes.hpp"
#include "step.hpp"
#include "uuid.hpp"

namespace {

// "\" + the value + "\", with \ " newline tab and carriage return escaped
// (what _release_json_string did; nothing else needs it in these values).
std::string json_string(const std::string &value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out + "\"";
}

// The file component of <rel> without its closing brace.
std::string file_component(const std::string &rel, const std::string &sha256) {
  const std::string q = json_string(rel);
  return "{\"type\": \"file\", \"bom-ref\": " + q + ", \"name\": " + q +
         ", \"hashes\": [{\"alg\": \"SHA-256\", \"content\": \"" + sha256 + "\"}]";
}

std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// The License: of the "Files: *" paragraph of a machine-readable (DEP-5)
// copyright file, stripped; `found` false when there is none. Of the first
// paragraph that has one, its last License: line (as the regex of the
// CMake step matched: "\nFiles: *\*[ \t]*\n([^\n]+\n)*License: *([^\n]+)"),
// reading at most the first 1000000 bytes.
std::string dep5_license(std::string text, bool &found) {
  found = false;
  text.resize(std::min<std::size_t>(text.size(), 1000000));
  const std::string first_line = text.substr(0, text.find('\n'));
  if (first_line.compare(0, 8, "Format: ") != 0 || first_line.find("copyright-format", 8) == std::string::npos)
    return "";
  for (std::size_t at = text.find("\nFiles:"); at != std::string::npos; at = text.find("\nFiles:", at + 1)) {
    std::size_t p = text.find_first_not_of(' ', at + 7);
    if (p == std::string::npos || text[p] != '*') continue;
    p = text.find_first_not_of(" \t", p + 1);
    if (p == std::string::npos || text[p] != '\n') continue;
    std::string license;
    // The paragraph's lines: up to an empty line or the end.
    for (++p; p < text.size() && text[p] != '\n';) {
      std::size_t end = std::min(text.find('\n', p), text.size());
      const std::string line = text.substr(p, end - p);
      if (line.size() > 8 && line.compare(0, 8, "License:") == 0) {
        found = true;
        license = line.substr(8);
      }
      p = end + 1;
    }
    if (!found) continue;
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    license.erase(license.begin(), std::find_if_not(license.begin(), license.end(), space));
    license.erase(std::find_if_not(license.rbegin(), license.rend(), space).base(), license.end());
    return license;
  }
  return "";
}

// os-release's ID and VERSION_ID as the purl uses them: the namespace (debian
// when there is none) and "&distro=<id>-<version>" (empty without a version).
// A value is taken unquoted or in double quotes, and only when made of the
// characters os-release(5) allows; the last line of each wins.
void read_os_release(const std::string &file, std::string &id, std::string &distro) {
  id = "debian";
  std::string version, text;
  struct stat st;
  if (stat(file.c_str(), &st) == 0) text = read_file(file);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  auto value = [](std::string v, const char *allowed) {
    if (!v.empty() && v.front() == '"') v.erase(0, 1);
    if (!v.empty() && v.back() == '"') v.pop_back();
    return !v.empty() && v.find_first_not_of(allowed) == std::string::npos ? v : std::string();
  };
  const char *lower = "abcdefghijklmnopqrstuvwxyz0123456789._-";
  const char *mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.compare(0, 3, "ID=") == 0) {
      const std::string v = value(line.substr(3), lower);
      if (!v.empty()) id = v;
    } else if (line.compare(0, 11, "VERSION_ID=") == 0) {
      const std::string v = value(line.substr(11), mixed);
      if (!v.empty()) version = v;
    }
  }
  distro = version.empty() ? "" : "&distro=" + id + "-" + version;
}

// The purl's version: '%', ':' (the epoch) and '+' percent-encoded.
std::string purl_version(const std::string &version) {
  std::string out;
  for (char c : version) {
    if (c == '%') out += "%25";
    else if (c == ':') out += "%3A";
    else if (c == '+') out += "%2B";
    else out += c;
  }
  return out;
}

bool is_sha256(const std::string &s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

struct Options {
  std::string admindir, docdir, os_release, out, notices_out, status_out, name, vsn, cache;
  std::string work, depfile_root;  // the build step
  std::vector<std::string> programs;
  bool has_name = false;
  std::vector<std::string> files;  // the described component's, as JSON
  std::vector<std::string> lib_names, lib_sources, lib_hashes;
};

// False when the arguments are not what the top of this file says.
bool parse(int argc, char **argv, Options &o) {
  for (int i = 2; i < argc; ++i) {
    const std::string opt = argv[i];
    auto take = [&](int n) { return i + n < argc; };
    if (opt == "--file" && take(2) && is_sha256(argv[i + 2])) {
      o.files.push_back(file_component(argv[i + 1], argv[i + 2]) + "}");
      i += 2;
    } else if (opt == "--library" && take(3) && is_sha256(argv[i + 3])) {
      o.lib_names.push_back(argv[i + 1]);
      o.lib_sources.push_back(argv[i + 2]);
      o.lib_hashes.push_back(argv[i + 3]);
      i += 3;
    } else if (take(1)) {
      const std::string v = argv[++i];
      if (opt == "--admindir") o.admindir = v;
      else if (opt == "--docdir") o.docdir = v;
      else if (opt == "--os-release") o.os_release = v;
      else if (opt == "--out") o.out = v;
      else if (opt == "--notices-out") o.notices_out = v;
      else if (opt == "--status-out") o.status_out = v;
      else if (opt == "--name") o.name = v, o.has_name = true;
      else if (opt == "--vsn") o.vsn = v;
      else if (opt == "--cache") o.cache = v;
      else if (opt == "--work-dir") o.work = v;
      else if (opt == "--depfile-root") o.depfile_root = v;
      else if (opt == "--programs") o.programs.push_back(v);
      else return false;
    } else {
      return false;
    }
  }
  if (!o.work.empty())
    return !o.name.empty() && !o.vsn.empty() && o.admindir.empty() && o.out.empty() && o.files.empty() &&
           o.lib_names.empty();
  return !o.admindir.empty() && !o.docdir.empty() && !o.os_release.empty() && !o.out.empty() &&
         !o.notices_out.empty() && !o.status_out.empty() && o.has_name && !o.vsn.empty() && o.programs.empty();
}

// Removes every entry of <dir> (when there is one) not in <keep>.
void remove_others(const std::string &dir, const std::set<std::string> &keep) {
  for (const std::string &name : list_dir(dir, true))
    if (!keep.count(name)) remove_tree(dir + "/" + name);
}


// The document, notices and stanzas of <o>; returns the files read that the
// depfile names, one per line.
std::string write_sbom(const Options &o) {
  std::string os_id, distro;
  read_os_release(o.os_release, os_id, distro);
  const std::vector<DpkgOwner> owners = o.cache.empty() ? dpkg_owners(o.admindir, o.lib_sources)
                                                        : dpkg_owners_cached(o.admindir, o.lib_sources, o.cache);
  std::string depends;
  struct stat st;
  if (stat((o.admindir + "/status").c_str(), &st) == 0) depends += o.admindir + "/status\n";

  // The libraries a package owns, by owner (as dpkg names it) and then in
  // closure order; the others, in closure order, after the packages.
  std::vector<std::pair<std::string, std::size_t>> owned;
  std::vector<std::string> loose;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    if (!owners[i].owner.empty()) owned.emplace_back(owners[i].owner, i);
    else
      loose.push_back(file_component("lib/" + o.lib_names[i], o.lib_hashes[i]) +
                      ", \"properties\": [{\"name\": \"cmake-release:origin\", \"value\": \"not from a package\"}]}");
  }
  std::sort(owned.begin(), owned.end());

  make_directories(o.notices_out);
  std::vector<std::string> components;
  std::set<std::string> license_dirs;  // the packages with a notice
  for (std::size_t at = 0; at < owned.size();) {
    const DpkgOwner &pkg = owners[owned[at].second];
    std::vector<std::string> files;
    for (; at < owned.size() && owned[at].first == pkg.owner; ++at) {
      const std::size_t i = owned[at].second;
      files.push_back(file_component("lib/" + o.lib_names[i], o.lib_hashes[i]) + "}");
    }
    const std::string purl = "pkg:deb/" + os_id + "/" + pkg.package + "@" + purl_version(pkg.version) +
                             "?arch=" + pkg.architecture + distro;
    std::string license;
    const std::string copyright = o.docdir + "/" + pkg.package + "/copyright";
    if (stat(copyright.c_str(), &st) == 0) {
      const std::string text = read_file(copyright);
      bool found;
      const std::string name = dep5_license(text, found);
      if (found) license = ", \"licenses\": [{\"license\": {\"name\": " + json_string(name) + "}}]";
      write_if_different(o.notices_out + "/" + pkg.package, text, st.st_mode & 07777);
      license_dirs.insert(pkg.package);
      depends += copyright + "\n";
    }
    components.push_back("{\"type\": \"library\", \"bom-ref\": \"" + purl + "\", \"name\": " +
                         json_string(pkg.package) + ", \"version\": " + json_string(pkg.version) +
                         ", \"purl\": \"" + purl + "\"" + license + ", \"components\": [" +
                         join(files, ", ") + "]}");
  }
  components.insert(components.end(), loose.begin(), loose.end());

  // The described component: the release and its own files.
  const std::string programs = join(o.files, ", ");
  const std::string listed = join(components, ",\n    ");
  const std::string serial =
      uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", o.name + "@" + o.vsn + ":" + programs + listed);
  const std::string qname = json_string(o.name);
  const std::string bom =
      "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n"
      "  \"serialNumber\": \"urn:uuid:" + serial + "\",\n  \"version\": 1,\n"
      "  \"metadata\": {\"tools\": {\"components\": [{\"type\": \"application\", \"name\": \"cmake-release\"}]},\n"
      "    \"component\": {\"type\": \"application\", \"bom-ref\": " + qname + ", \"name\": " + qname +
      ", \"version\": " + json_string(o.vsn) + ", \"components\": [" + programs + "]}},\n"
      "  \"components\": [\n    " + listed + "\n  ]\n}\n";
  const std::string releases = o.out + "/releases";
  make_directories(releases + "/" + o.vsn);
  write_if_different(releases + "/" + o.vsn + "/sbom.cdx.json", bom);

  // Notices of packages the release no longer bundles, other releases' files.
  remove_others(o.notices_out, license_dirs);
  remove_others(o.out, {"releases"});  // an older cmake-release's share/licenses
  remove_others(releases, {o.vsn});
  dpkg_write_status(o.status_out, owners);
  return depends;
}

// The build step (--work-dir): <o> completed from the closure and the staged
// files, then the SBOM, the depfile and the stamp.
void sbom_step(Options o) {
  // Reads the stage (shared with verify), writes its own files.
  step_lock(o.work, "steps", true);
  step_lock(o.work, "sbom");
  const ClosureFile c = read_closure_file(o.work + "/closure.txt");
  std::vector<std::string> rels;  // the programs, the plugins, then the libraries
  for (const std::string &p : o.programs) rels.push_back("libexec/" + p);
  for (const ClosurePlugin &p : c.plugins) rels.push_back(p.rel);
  for (const ClosureLibrary &l : c.libraries) rels.push_back("lib/" + l.name);
  std::vector<std::string> staged;
  for (const std::string &rel : rels) staged.push_back(o.work + "/stage/" + rel);
  std::string unreadable;
  const std::vector<std::string> hashes = cached_sha256(staged, o.work + "/sbom-hashes.txt", unreadable);
  if (!unreadable.empty()) {
    std::remove((o.work + "/stage.stamp").c_str());
    throw std::runtime_error(release_error(
        o.name, "cannot read staged files to hash them for the SBOM (the previous release, if any, stays "
                "in place):\n" + unreadable + "Fix: build again (cmake --build <build-dir> --target release-" +
                o.name + "), which stages them anew."));
  }
  const size_t own = o.programs.size() + c.plugins.size();
  for (size_t i = 0; i < own; ++i) o.files.push_back(file_component(rels[i], hashes[i]) + "}");
  for (size_t i = 0; i < c.libraries.size(); ++i) {
    o.lib_names.push_back(c.libraries[i].name);
    o.lib_sources.push_back(c.libraries[i].source);
    o.lib_hashes.push_back(hashes[own + i]);
  }
  o.admindir = "/var/lib/dpkg";
  o.docdir = "/usr/share/doc";
  o.os_release = "/etc/os-release";
  o.out = o.work + "/sbom";
  o.notices_out = o.work + "/sbom-notices";
  o.status_out = o.work + "/sbom-status";
  if (is_dir(o.work + "/sbom-status.d")) remove_tree(o.work + "/sbom-status.d");  // an older cmake-release's
  o.cache = o.work + "/sbom-dpkg.txt";
  std::vector<std::string> depends{o.work + "/closure.txt"};
  std::istringstream read(write_sbom(o));
  for (std::string line; std::getline(read, line);) depends.push_back(line);
  write_depfile(o.work + "/sbom.d", o.depfile_root, o.work + "/sbom.stamp", depends);
  touch(o.work + "/sbom.stamp");
}

}  // namespace

int cmd_sbom(int argc, char **argv) {
  Options o;
  if (!parse(argc, argv, o)) return 2;
  if (!o.work.empty()) sbom_step(o);
  else std::cout << write_sbom(o);
  return 0;
}
