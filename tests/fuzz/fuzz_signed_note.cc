// The signed-note parser and key parsers on arbitrary text: no crash, and a
// note that parses keeps its text ending in a newline.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/register/note.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto note = truce::reg::ParseNote(text);
  if (note.ok()) {
    if (note->text.empty() || note->text.back() != '\n') std::abort();
    static const auto verifier =
        truce::reg::NoteVerifier::Parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    for (const auto& sig : note->signatures) (void)truce::reg::VerifySignature(*note, sig, *verifier);
  }
  (void)truce::reg::NoteVerifier::Parse(text);
  (void)truce::reg::NoteSigner::Parse(text);
  return 0;
}
