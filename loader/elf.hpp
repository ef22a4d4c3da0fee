// What the dynamic loader reads of an ELF file: its header, its dynamic
// section and its version needs. Read through a read-only mapping, so only
// the pages touched (headers, .dynamic, .dynstr) are read from disk.
#pragma once

#include <string>
#include <vector>

struct ElfInfo {
  bool is_elf = false;       // magic, class and byte order understood
  int elf_class = 0;         // 32 or 64
  unsigned machine = 0;      // e_machine
  bool whole = true;         // every segment, section and the section table lie inside the file
  unsigned long long extent = 0;  // the bytes the file needs to hold all of them
  bool has_rpath = false;    // DT_RPATH present (and taken: no DT_RUNPATH)
  bool has_runpath = false;  // DT_RUNPATH present
  bool nodeflib = false;     // DF_1_NODEFLIB: no default directories
  bool shared_object = false;  // ET_DYN without DF_1_PIE: what dlopen() loads
  std::vector<std::string> needed;
  std::vector<std::string> rpath;    // split at ':'; empty when DT_RUNPATH is present
  std::vector<std::string> runpath;  // split at ':'
  std::string soname;
  std::string glibc;  // highest GLIBC_x.y among the version needs ("" when none)
};

// Reads <path>; a file that is missing, unreadable or not ELF gives is_elf false.
ElfInfo read_elf(const std::string &path);

// readelf's name for an e_machine value ("Advanced Micro Devices X86-64").
std::string machine_name(unsigned machine);

// a < b for dotted version numbers ("2.17" < "2.34").
bool version_less(const std::string &a, const std::string &b);
