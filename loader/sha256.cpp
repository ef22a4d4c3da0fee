// release-loader sha256 <file>...: the SHA-256 of each <file>, one line of
// 64 lowercase hex digits per file, in argument order: what CMake's
// file(SHA256) gives. An unreadable file: nothing on stdout, a message per
// such file on stderr, exit status 1. No file: no output, exit status 0.
//
// Why our own: the SBOM hashes every file of a release (ffmpeg's: 208 files,
// 233 MB), and CMake hashes one file at a time in one thread. Here several
// files are hashed at once, one per hardware thread, with the CPU's SHA
// instructions where it has them (x86-64 SHA-NI, ARMv8 SHA2); no library is
// needed, so the helper still builds with any C++17 compiler. The algorithm
// is FIPS 180-4's, section 6.2.
//
// RELEASE_LOADER_SHA256=portable in the environment forces the portable
// block function even where the CPU has SHA instructions (the tests check
// both code paths with it); unset or any other value, the CPU decides.
#include "sha256.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif
// ARMv8's SHA2 instructions: GCC enables them for one function (target
// attribute); with clang they are used only when the whole file is compiled
// for them (-march=armv8-a+crypto), as its arm_neon.h before clang 16
// declares them only then; else the portable block function is all there is.
#if defined(__aarch64__) && defined(__linux__) && (defined(__ARM_FEATURE_SHA2) || !defined(__clang__))
#define RELEASE_SHA256_ARMV8 1
#include <arm_neon.h>
#include <sys/auxv.h>
#endif

namespace {

// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes.
alignas(16) constexpr std::uint32_t round_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// FIPS 180-4 5.3.3: the initial hash value H(0), a to h.
constexpr std::uint32_t initial_h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Hashes <blocks> 64-byte blocks of <data> into <state> (a to h).
using BlockFunction = void (*)(std::uint32_t *state, const unsigned char *data, std::size_t blocks);

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

std::uint32_t load_be32(const unsigned char *p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// FIPS 180-4 6.2.2, one block at a time, in plain C++ (any CPU, any byte order).
void blocks_portable(std::uint32_t *state, const unsigned char *data, std::size_t blocks) {
  for (; blocks > 0; --blocks, data += 64) {
    std::uint32_t w[64];
    for (int t = 0; t < 16; ++t) w[t] = load_be32(data + 4 * t);
    for (int t = 16; t < 64; ++t) {
      std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; ++t) {
      std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                         round_k[t] + w[t];
      std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
    state[4] += e, state[5] += f, state[6] += g, state[7] += h;
  }
}

#if defined(__x86_64__)
// The same with the SHA extensions. sha256rnds2 does two rounds on the
// state held as {A,B,E,F} and {C,D,G,H} (A in the highest lane), taking
// W+K of the two rounds from the low lanes of its third operand;
// sha256msg1/msg2 compute the schedule's sigma0 and sigma1 parts for four
// words at once.
__attribute__((target("sha,sse4.1"))) void blocks_sha_ni(std::uint32_t *state,
                                                         const unsigned char *data,
                                                         std::size_t blocks) {
  // Lanes 0..3 of x are a,b,c,d; of y, e,f,g,h.
  __m128i x = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state)), 0xB1);
  __m128i y = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state + 4)), 0x1B);
  __m128i abef = _mm_alignr_epi8(x, y, 8);     // lanes f,e,b,a
  __m128i cdgh = _mm_blend_epi16(y, x, 0xF0);  // lanes h,g,d,c
  // Reverses the bytes of each 32-bit lane: the message words are big-endian.
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef_in = abef, cdgh_in = cdgh;
    __m128i m[4];  // the schedule's words 4i..4i+15 while rounds 4i..4i+3 run
    for (int j = 0; j < 4; ++j)
      m[j] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * j)),
                              byte_swap);
    for (int i = 0; i < 16; ++i) {
      __m128i wk = _mm_add_epi32(m[0], _mm_load_si128(reinterpret_cast<const __m128i *>(round_k + 4 * i)));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);  // now the new {A,B,E,F}
      // The old {A,B,E,F} is the new {C,D,G,H}: two more rounds.
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
      // W[4i+16..4i+19] = sigma1 part + W[4i+9..4i+12] + sigma0 part + W[4i..4i+3].
      __m128i next = _mm_sha256msg2_epu32(
          _mm_add_epi32(_mm_sha256msg1_epu32(m[0], m[1]), _mm_alignr_epi8(m[3], m[2], 4)), m[3]);
      m[0] = m[1], m[1] = m[2], m[2] = m[3], m[3] = next;  // past round 48: unused
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }
  x = _mm_shuffle_epi32(abef, 0x1B);  // lanes a,b,e,f
  y = _mm_shuffle_epi32(cdgh, 0xB1);  // lanes g,h,c,d
  _mm_storeu_si128(reinterpret_cast<__m128i *>(state), _mm_blend_epi16(x, y, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i *>(state + 4), _mm_alignr_epi8(y, x, 8));
}

// CPUID leaf 1 ECX bit 19 (SSE4.1), leaf 7 EBX bit 29 (SHA). Not
// __builtin_cpu_supports("sha"): clang before 16 does not know that name.
bool cpu_has_sha_ni() {
  unsigned a, b, c, d;
  if (__get_cpuid_max(0, nullptr) < 7) return false;
  __cpuid(1, a, b, c, d);
  bool sse41 = (c >> 19) & 1;
  __cpuid_count(7, 0, a, b, c, d);
  return sse41 && ((b >> 29) & 1);
}
#endif

#if defined(RELEASE_SHA256_ARMV8)
#if defined(__clang__)
#define RELEASE_SHA256_ARMV8_TARGET
#else
#define RELEASE_SHA256_ARMV8_TARGET __attribute__((target("+crypto")))
#endif
// The same with ARMv8's SHA2 instructions: sha256h/sha256h2 do four rounds
// on the state held as {a,b,c,d} and {e,f,g,h}; sha256su0/su1 compute four
// words of the schedule.
RELEASE_SHA256_ARMV8_TARGET void blocks_armv8(std::uint32_t *state, const unsigned char *data,
                                              std::size_t blocks) {
  uint32x4_t abcd = vld1q_u32(state), efgh = vld1q_u32(state + 4);
  for (; blocks > 0; --blocks, data += 64) {
    const uint32x4_t abcd_in = abcd, efgh_in = efgh;
    uint32x4_t m[4];  // the schedule's words 4i..4i+15 while rounds 4i..4i+3 run
    for (int j = 0; j < 4; ++j) m[j] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 16 * j)));
    for (int i = 0; i < 16; ++i) {
      uint32x4_t wk = vaddq_u32(m[0], vld1q_u32(round_k + 4 * i));
      uint32x4_t abcd_before = abcd;
      abcd = vsha256hq_u32(abcd, efgh, wk);
      efgh = vsha256h2q_u32(efgh, abcd_before, wk);
      uint32x4_t next = vsha256su1q_u32(vsha256su0q_u32(m[0], m[1]), m[2], m[3]);
      m[0] = m[1], m[1] = m[2], m[2] = m[3], m[3] = next;  // past round 48: unused
    }
    abcd = vaddq_u32(abcd, abcd_in);
    efgh = vaddq_u32(efgh, efgh_in);
  }
  vst1q_u32(state, abcd);
  vst1q_u32(state + 4, efgh);
}
#endif

BlockFunction choose_block_function() {
  const char *forced = std::getenv("RELEASE_LOADER_SHA256");
  if (forced && std::strcmp(forced, "portable") == 0) return blocks_portable;
#if defined(__x86_64__)
  if (cpu_has_sha_ni()) return blocks_sha_ni;
#endif
#if defined(RELEASE_SHA256_ARMV8)
  if (getauxval(AT_HWCAP) & HWCAP_SHA2) return blocks_armv8;
#endif
  return blocks_portable;
}

class Sha256 {
 public:
  explicit Sha256(BlockFunction blocks) : blocks_(blocks) { std::memcpy(state_, initial_h, sizeof state_); }

  void update(const unsigned char *data, std::size_t size) {
    total_ += size;
    if (buffered_ > 0) {
      std::size_t take = std::min(size, 64 - buffered_);
      std::memcpy(buffer_ + buffered_, data, take);
      buffered_ += take, data += take, size -= take;
      if (buffered_ < 64) return;
      blocks_(state_, buffer_, 1);
      buffered_ = 0;
    }
    blocks_(state_, data, size / 64);
    std::memcpy(buffer_, data + size / 64 * 64, size % 64);
    buffered_ = size % 64;
  }

  // FIPS 180-4 5.1.1: a 1 bit, zeros, and the length in bits as 64 bits
  // big-endian, to a multiple of 512 bits.
  std::string hex_digest() {
    const std::uint64_t bits = total_ * 8;
    unsigned char pad[72] = {0x80};
    std::size_t pad_size = (buffered_ < 56 ? 56 : 120) - buffered_;
    for (int i = 0; i < 8; ++i) pad[pad_size + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    update(pad, pad_size + 8);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint32_t word : state_)
      for (int shift = 28; shift >= 0; shift -= 4) out += digits[(word >> shift) & 0xf];
    return out;
  }

 private:
  BlockFunction blocks_;
  std::uint32_t state_[8];
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

// <path> read through <buffer> (1 MiB: few system calls; read(), not mmap(),
// so that a file truncated meanwhile is an error, not a SIGBUS).
FileHash hash_file(const char *path, BlockFunction blocks, std::vector<unsigned char> &buffer) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {"", errno};
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Sha256 sha(blocks);
  for (;;) {
    ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n > 0) sha.update(buffer.data(), static_cast<std::size_t>(n));
    else if (n == 0) break;
    else if (errno != EINTR) {
      int err = errno;
      close(fd);
      return {"", err};
    }
  }
  close(fd);
  return {sha.hex_digest(), 0};
}

}  // namespace

void each_file_in_parallel(const std::vector<std::string> &paths,
                           const std::function<void(std::size_t, std::vector<unsigned char> &)> &work) {
  const std::size_t files = paths.size();
  // The largest files first, so that no worker is left with a large one at
  // the end while the others are idle.
  std::vector<std::pair<off_t, std::size_t>> order;  // (-size, index)
  for (std::size_t i = 0; i < files; ++i) {
    struct stat st;
    order.emplace_back(stat(paths[i].c_str(), &st) == 0 ? -st.st_size : 0, i);
  }
  std::sort(order.begin(), order.end());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    std::vector<unsigned char> buffer(1 << 20);
    for (std::size_t n; (n = next.fetch_add(1)) < files;) work(order[n].second, buffer);
  };
  // One worker per hardware thread, this thread one of them.
  std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min(workers, files); ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error &) {
      break;  // no more threads to be had: fewer workers
    }
  }
  worker();
  for (std::thread &t : threads) t.join();
}

FileHash sha256_file(const std::string &path, std::vector<unsigned char> &buffer) {
  static const BlockFunction blocks = choose_block_function();
  return hash_file(path.c_str(), blocks, buffer);
}

std::vector<FileHash> sha256_files(const std::vector<std::string> &paths) {
  std::vector<FileHash> hashes(paths.size());
  each_file_in_parallel(paths, [&](std::size_t i, std::vector<unsigned char> &buffer) {
    hashes[i] = sha256_file(paths[i], buffer);
  });
  return hashes;
}

int cmd_sha256(int argc, char **argv) {
  const std::vector<std::string> paths(argv + 2, argv + std::max(argc, 2));
  const std::vector<FileHash> hashes = sha256_files(paths);
  std::string out;
  int rc = 0;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (hashes[i].error != 0) {
      std::cerr << "cannot read '" << paths[i] << "': " << std::strerror(hashes[i].error) << "\n";
      rc = 1;
    }
    out += hashes[i].hex + "\n";
  }
  if (rc == 0) std::cout << out;
  return rc;
}
