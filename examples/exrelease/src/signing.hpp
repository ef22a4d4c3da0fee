// Signed note ids: a note is addressed as "<id>.<tag>", where tag is an
// HMAC-SHA256 of the id under a key derived from SECRET_KEY_BASE. A client
// cannot guess or enumerate other notes' addresses, and a release started with
// another secret rejects the old addresses.
#pragma once

#include <optional>
#include <string>

namespace exrelease {

class Signer {
 public:
  explicit Signer(const std::string &secret_key_base);

  std::string sign(long long id) const;

  enum class Verdict { ok, malformed, bad_signature };
  struct Checked {
    Verdict verdict;
    long long id;
  };
  Checked verify(const std::string &token) const;

 private:
  std::string tag(const std::string &message) const;
  std::string key_;
};

}  // namespace exrelease
