#include "truce/register/base64.h"

#include <sodium.h>

#include <cstring>

namespace truce::reg {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> Unbase64(std::string_view text, const std::string& what) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Status::Invalid(what + " is not valid base64");
  }
  out.resize(len);
  // Stray bits in the last character would give a second spelling.
  if (Base64(out) != text) return Status::Invalid(what + " is not canonical base64");
  return out;
}

}  // namespace truce::reg
