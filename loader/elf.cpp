// ELF reading for the loader model (see elf.hpp). Both classes and both
// byte orders: a cross build reads files of another machine.
#include "elf.hpp"

#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int64_t DT_NEEDED = 1, DT_STRTAB = 5, DT_SONAME = 14, DT_RPATH = 15,
                  DT_RUNPATH = 29, DT_FLAGS_1 = 0x6ffffffb, DT_VERNEED = 0x6ffffffe,
                  DT_VERNEEDNUM = 0x6fffffff;
constexpr uint32_t PT_LOAD = 1, PT_DYNAMIC = 2, SHT_NOBITS = 8;
constexpr uint64_t DF_1_NODEFLIB = 0x800, DF_1_PIE = 0x08000000;
constexpr uint64_t ET_DYN = 3;

// A mapped file and little- or big-endian reads from it, bounds-checked.
struct Image {
  const unsigned char *data = nullptr;
  uint64_t size = 0;
  bool big = false;
  bool wide = false;  // ELF64

  bool has(uint64_t off, uint64_t len) const { return off <= size && len <= size - off; }
  uint64_t get(uint64_t off, int bytes) const {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      uint64_t b = data[off + i];
      v = big ? (v << 8) | b : v | (b << (8 * i));
    }
    return v;
  }
  uint64_t word(uint64_t off) const { return get(off, wide ? 8 : 4); }
  std::string str(uint64_t off) const {
    if (off >= size) return {};
    const void *end = std::memchr(data + off, 0, size - off);
    return end ? std::string(reinterpret_cast<const char *>(data + off),
                             static_cast<const unsigned char *>(end) - (data + off))
               : std::string();
  }
};

struct Segment {
  uint32_t type;
  uint64_t offset, vaddr, filesz;
};

// An empty string is no entry at all; an empty item between colons is the
// current directory to the loader, and stays an (empty) entry here.
std::vector<std::string> split_colon(const std::string &s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t colon = s.find(':', start);
    out.push_back(s.substr(start, colon - start));
    if (colon == std::string::npos) return out;
    start = colon + 1;
  }
}

// The file offset of a virtual address, through the PT_LOAD segments.
bool to_offset(const std::vector<Segment> &segs, uint64_t vaddr, uint64_t &off) {
  for (const Segment &s : segs) {
    if (s.type == PT_LOAD && vaddr >= s.vaddr && vaddr - s.vaddr < s.filesz) {
      off = s.offset + (vaddr - s.vaddr);
      return true;
    }
  }
  return false;
}

void read_version_needs(const Image &im, const std::vector<Segment> &segs, uint64_t strtab,
                        uint64_t verneed, uint64_t count, ElfInfo &info) {
  uint64_t off = 0;
  if (!to_offset(segs, verneed, off)) return;
  for (uint64_t n = 0; n < count && im.has(off, 16); ++n) {
    uint64_t aux = off + im.get(off + 8, 4);
    uint64_t aux_count = im.get(off + 2, 2);
    for (uint64_t a = 0; a < aux_count && im.has(aux, 16); ++a) {
      std::string name = im.str(strtab + im.get(aux + 8, 4));
      if (name.compare(0, 6, "GLIBC_") == 0 && name.size() > 6 &&
          name.find_first_not_of("0123456789.", 6) == std::string::npos) {
        std::string v = name.substr(6);
        if (info.glibc.empty() || version_less(info.glibc, v)) info.glibc = v;
      }
      uint64_t next = im.get(aux + 12, 4);
      if (next == 0) break;
      aux += next;
    }
    uint64_t next = im.get(off + 12, 4);
    if (next == 0) break;
    off += next;
  }
}

void read_dynamic(const Image &im, const std::vector<Segment> &segs, const Segment &dyn,
                  ElfInfo &info) {
  const uint64_t entry = im.wide ? 16 : 8;
  std::vector<std::pair<int64_t, uint64_t>> entries;
  uint64_t strtab_vaddr = 0, verneed = 0, verneed_count = 0;
  bool have_strtab = false;
  for (uint64_t off = dyn.offset; im.has(off, entry) && off < dyn.offset + dyn.filesz;
       off += entry) {
    int64_t tag = static_cast<int64_t>(im.word(off));
    uint64_t val = im.word(off + entry / 2);
    if (!im.wide) tag = static_cast<int32_t>(tag);
    if (tag == 0) break;
    if (tag == DT_STRTAB) have_strtab = true, strtab_vaddr = val;
    else if (tag == DT_VERNEED) verneed = val;
    else if (tag == DT_VERNEEDNUM) verneed_count = val;
    else if (tag == DT_FLAGS_1) {
      info.nodeflib = (val & DF_1_NODEFLIB) != 0;
      // glibc's dlopen() refuses a position-independent executable.
      if (val & DF_1_PIE) info.shared_object = false;
    }
    entries.emplace_back(tag, val);
  }
  uint64_t strtab = 0;
  if (!have_strtab || !to_offset(segs, strtab_vaddr, strtab)) return;
  for (const auto &e : entries) {
    switch (e.first) {
      case DT_NEEDED: info.needed.push_back(im.str(strtab + e.second)); break;
      case DT_SONAME: info.soname = im.str(strtab + e.second); break;
      case DT_RPATH:
        info.has_rpath = true;
        info.rpath = split_colon(im.str(strtab + e.second));
        break;
      case DT_RUNPATH:
        info.has_runpath = true;
        info.runpath = split_colon(im.str(strtab + e.second));
        break;
      default: break;
    }
  }
  if (verneed && verneed_count) read_version_needs(im, segs, strtab, verneed, verneed_count, info);
}

void parse(const Image &im, ElfInfo &info) {
  if (!im.has(0, 52) || std::memcmp(im.data, "\177ELF", 4) != 0) return;
  if ((im.data[4] != 1 && im.data[4] != 2) || (im.data[5] != 1 && im.data[5] != 2)) return;
  Image e = im;
  e.wide = im.data[4] == 2;
  e.big = im.data[5] == 2;
  if (e.wide && !e.has(0, 64)) return;
  info.is_elf = true;
  info.elf_class = e.wide ? 64 : 32;
  info.machine = static_cast<unsigned>(e.get(18, 2));
  info.shared_object = e.get(16, 2) == ET_DYN;  // DF_1_PIE (read_dynamic) takes it back
  uint64_t phoff = e.wide ? e.get(32, 8) : e.get(28, 4);
  uint64_t shoff = e.wide ? e.get(40, 8) : e.get(32, 4);
  uint64_t phentsize = e.get(e.wide ? 54 : 42, 2), phnum = e.get(e.wide ? 56 : 44, 2);
  uint64_t shentsize = e.get(e.wide ? 58 : 46, 2), shnum = e.get(e.wide ? 60 : 48, 2);
  // What the headers say the file holds must end inside it: a file cut
  // short (a full disk during a copy) still has a header that parses.
  auto reach = [&](uint64_t off, uint64_t len) {
    uint64_t end = len > UINT64_MAX - off ? UINT64_MAX : off + len;
    if (end > info.extent) info.extent = end;
    if (!e.has(off, len)) info.whole = false;
  };
  reach(0, e.wide ? 64 : 52);
  if (shoff != 0) {
    reach(shoff, shentsize * shnum);
    // Section 0 is always empty; NOBITS sections (.bss) take no file space.
    if (e.has(shoff, shentsize * shnum) && shentsize >= (e.wide ? 64u : 40u))
      for (uint64_t i = 1; i < shnum; ++i) {
        uint64_t sh = shoff + i * shentsize;
        if (e.get(sh + 4, 4) == SHT_NOBITS) continue;
        reach(e.wide ? e.get(sh + 24, 8) : e.get(sh + 16, 4),
              e.wide ? e.get(sh + 32, 8) : e.get(sh + 20, 4));
      }
  }
  reach(phoff, phentsize * phnum);
  if (!e.has(phoff, phentsize * phnum) || phentsize < (e.wide ? 56u : 32u)) {
    info.whole = info.whole && phnum == 0;
    return;
  }
  std::vector<Segment> segs;
  const Segment *dyn = nullptr;
  for (uint64_t i = 0; i < phnum; ++i) {
    uint64_t p = phoff + i * phentsize;
    Segment s{static_cast<uint32_t>(e.get(p, 4)), e.wide ? e.get(p + 8, 8) : e.get(p + 4, 4),
              e.wide ? e.get(p + 16, 8) : e.get(p + 8, 4),
              e.wide ? e.get(p + 32, 8) : e.get(p + 16, 4)};
    if (s.filesz != 0) reach(s.offset, s.filesz);
    segs.push_back(s);
  }
  for (const Segment &s : segs)
    if (s.type == PT_DYNAMIC) dyn = &s;
  if (dyn && e.has(dyn->offset, dyn->filesz)) read_dynamic(e, segs, *dyn, info);
}

}  // namespace

ElfInfo read_elf(const std::string &path) {
  ElfInfo info;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return info;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void *map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      Image im;
      im.data = static_cast<const unsigned char *>(map);
      im.size = static_cast<uint64_t>(st.st_size);
      parse(im, info);
      munmap(map, static_cast<size_t>(st.st_size));
    }
  }
  close(fd);
  return info;
}

std::string machine_name(unsigned machine) {
  switch (machine) {
    case 3: return "Intel 80386";
    case 8: return "MIPS R3000";
    case 20: return "PowerPC";
    case 21: return "PowerPC64";
    case 22: return "IBM S/390";
    case 40: return "ARM";
    case 62: return "Advanced Micro Devices X86-64";
    case 183: return "AArch64";
    case 243: return "RISC-V";
    case 258: return "LoongArch";
    default: return "EM_" + std::to_string(machine);
  }
}

bool version_less(const std::string &a, const std::string &b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    unsigned long x = 0, y = 0;
    while (i < a.size() && a[i] != '.') x = x * 10 + static_cast<unsigned long>(a[i++] - '0');
    while (j < b.size() && b[j] != '.') y = y * 10 + static_cast<unsigned long>(b[j++] - '0');
    if (x != y) return x < y;
    ++i, ++j;
  }
  return false;
}
