// Owners of files from dpkg's database (loader/dpkg.cpp): `release-loader
// dpkg`, the SBOM's packages (loader/sbom.cpp) and `release-loader status-d`.
#pragma once

#include <string>
#include <vector>

// What dpkg's database says of one path. All empty when no installed
// package owns it.
struct DpkgOwner {
  std::string owner;  // as `dpkg-query -S` names it: libc6:amd64, libfoo
  std::string package, version, architecture;
  std::string stanza;  // the package's status stanza, as `dpkg-query -s` prints it
};

// The owner of each of <paths>, in order, from the dpkg database in
// <admindir>; none at all when it has no status file (no dpkg on this
// machine). Throws std::runtime_error when a file of the database cannot be
// read.
std::vector<DpkgOwner> dpkg_owners(const std::string &admindir, const std::vector<std::string> &paths);

// dpkg_owners(), kept in the file <cache>: its answers are used again while
// the paths and the identities of the database's status file, updates/ and
// info/ (dpkg renames its files into place) are the ones they were given for.
std::vector<DpkgOwner> dpkg_owners_cached(const std::string &admindir, const std::vector<std::string> &paths,
                                          const std::string &cache);

// Makes <file> a dpkg status file holding the status stanza of each owning
// package, in package order, each followed by an empty line (written only
// when its content changes). Throws std::runtime_error when it cannot.
void dpkg_write_status(const std::string &file, const std::vector<DpkgOwner> &owners);

// Makes <dir> hold one file per package of the dpkg status file <status>,
// <dir>/<package>, with its stanza (only files whose content changes are
// written) and nothing else: the layout distroless images use, which
// scanners read (/var/lib/dpkg/status.d/). Throws std::runtime_error when it
// cannot.
void dpkg_status_d(const std::string &status, const std::string &dir);

int cmd_dpkg(int argc, char **argv);
int cmd_status_d(int argc, char **argv);
