#include "truce/register/checkpoint.h"

#include "truce/register/base64.h"

#include <charconv>
#include <cstring>

namespace truce::reg {

std::string Checkpoint::Body() const {
  std::string out = origin + "\n" + std::to_string(size) + "\n" +
                    Base64({reinterpret_cast<const char*>(root.data()), root.size()}) + "\n";
  for (const std::string& e : extensions) out += e + "\n";
  return out;
}

Result<Checkpoint> ParseCheckpoint(std::string_view body) {
  if (body.empty() || body.back() != '\n') return Status::Invalid("a checkpoint ends in a newline");
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < body.size();) {
    size_t eol = body.find('\n', start);
    lines.push_back(body.substr(start, eol - start));
    start = eol + 1;
  }
  if (lines.size() < 3) return Status::Invalid("a checkpoint has an origin, a size and a root hash");
  Checkpoint c;
  c.origin = std::string(lines[0]);
  if (c.origin.empty()) return Status::Invalid("the checkpoint's origin line is empty");
  std::string_view size = lines[1];
  // Decimal, no sign, no leading zeros (but "0" itself).
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (size.empty() || (size.size() > 1 && size[0] == '0') || ec != std::errc() || ptr != size.data() + size.size() ||
      size.find_first_not_of("0123456789") != std::string_view::npos) {
    return Status::Invalid("the checkpoint's size '" + std::string(size.substr(0, 30)) + "' is not a decimal number");
  }
  // One checkpoint, one text: a root spelled in non-canonical base64 (stray
  // bits in the last character) is refused, so equal trees sign equal bytes.
  auto raw = Unbase64(lines[2], "the checkpoint's root hash");
  if (!raw.ok() || raw->size() != 32) {
    return Status::Invalid("the checkpoint's root hash is not 32 bytes of canonical base64");
  }
  std::memcpy(c.root.data(), raw->data(), 32);
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Status::Invalid("a checkpoint extension line is empty");
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

}  // namespace truce::reg
