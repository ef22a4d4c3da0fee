// Name-based UUIDs for the SBOM's serial number (loader/uuid.hpp).
#include "uuid.hpp"

#include <cstdint>

namespace {

// FIPS 180-4 SHA-1, for the name-based UUID only (nothing here relies on
// SHA-1 resisting collisions).
std::string sha1(const std::string &message) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
  std::string m = message + '\x80';
  while (m.size() % 64 != 56) m += '\0';
  const std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  for (int i = 7; i >= 0; --i) m += static_cast<char>(bits >> (8 * i));
  for (std::size_t block = 0; block < m.size(); block += 64) {
    std::uint32_t w[80];
    for (int t = 0; t < 16; ++t) {
      w[t] = 0;
      for (int b = 0; b < 4; ++b) w[t] = (w[t] << 8) | static_cast<unsigned char>(m[block + 4 * t + b]);
    }
    for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; ++t) {
      std::uint32_t f, k;
      if (t < 20) f = (b & c) | (~b & d), k = 0x5A827999;
      else if (t < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
      else if (t < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
      else f = b ^ c ^ d, k = 0xCA62C1D6;
      const std::uint32_t next = rotl(a, 5) + f + e + k + w[t];
      e = d, d = c, c = rotl(b, 30), b = a, a = next;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
  std::string digest;
  for (std::uint32_t word : h)
    for (int i = 3; i >= 0; --i) digest += static_cast<char>(word >> (8 * i));
  return digest;
}

}  // namespace

std::string uuid5(const std::string &namespace_uuid, const std::string &name) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < namespace_uuid.size(); ++i) {
    if (namespace_uuid[i] == '-') continue;
    bytes += static_cast<char>(std::stoi(namespace_uuid.substr(i, 2), nullptr, 16));
    ++i;
  }
  std::string d = sha1(bytes + name).substr(0, 16);
  d[6] = static_cast<char>((d[6] & 0x0F) | 0x50);
  d[8] = static_cast<char>((d[8] & 0x3F) | 0x80);
  std::string out;
  const char *hex = "0123456789abcdef";
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[static_cast<unsigned char>(d[i]) >> 4];
    out += hex[static_cast<unsigned char>(d[i]) & 0x0F];
  }
  return out;
}
