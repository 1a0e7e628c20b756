#include "truce/register/hasher.h"

#include <openssl/sha.h>

namespace truce::reg {

Hash EmptyRoot() { return Sha256Of(""); }

namespace {

// SHA-256(prefix ‖ a ‖ b), without copying the parts into one buffer.
Hash PrefixedHash(unsigned char prefix, std::string_view a, std::string_view b = {}) {
  Hash h;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, &prefix, 1);
  SHA256_Update(&ctx, a.data(), a.size());
  SHA256_Update(&ctx, b.data(), b.size());
  SHA256_Final(h.data(), &ctx);
  return h;
}

std::string_view Bytes(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

}  // namespace

Hash LeafHash(std::string_view entry) { return PrefixedHash(0x00, entry); }

Hash NodeHash(const Hash& left, const Hash& right) { return PrefixedHash(0x01, Bytes(left), Bytes(right)); }

std::string HashHex(const Hash& h) { return ToHex(h.data(), h.size()); }

}  // namespace truce::reg
