#include "signing.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace exrelease {
namespace {

// Bytes of the HMAC kept in a token: 128 bits.
constexpr std::size_t tag_bytes = 16;

std::string hmac_sha256(const std::string &key, const std::string &message) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char *>(message.data()), message.size(), md, &len) == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char *>(md), len);
}

std::string base64url(const std::string &bytes) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

}  // namespace

// Derive a key for this one purpose, so the same SECRET_KEY_BASE can sign
// other things later without one signature standing in for another.
Signer::Signer(const std::string &secret_key_base) : key_(hmac_sha256(secret_key_base, "exrelease note id v1")) {}

std::string Signer::tag(const std::string &message) const {
  return base64url(hmac_sha256(key_, message).substr(0, tag_bytes));
}

std::string Signer::sign(long long id) const {
  std::string digits = std::to_string(id);
  return digits + "." + tag(digits);
}

Signer::Checked Signer::verify(const std::string &token) const {
  auto dot = token.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 18) return {Verdict::malformed, 0};
  std::string digits = token.substr(0, dot);
  if (digits.find_first_not_of("0123456789") != std::string::npos || (digits[0] == '0' && digits.size() > 1))
    return {Verdict::malformed, 0};
  std::string given = token.substr(dot + 1);
  std::string expected = tag(digits);
  if (given.size() != expected.size() || CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0)
    return {Verdict::bad_signature, 0};
  return {Verdict::ok, std::stoll(digits)};
}

}  // namespace exrelease
