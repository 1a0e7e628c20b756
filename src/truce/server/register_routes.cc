// The register (docs/API.md, "Register"): its checkpoint, key, tiles,
// entries, proofs, witnesses and keys. Public if the pack says so.
#include <algorithm>

#include "truce/server/api.h"
#include "truce/wire/register.h"

namespace truce::server {
namespace {

// The two numbers a proof is asked for, the larger a size the register
// has reached; false with the answer written if they are not.
bool ProofArguments(const RouteMatch& m, const Registrar& r, const char* first, const char* size_name,
                    uint64_t size_min, uint64_t* a, uint64_t* size, HttpResponse& res) {
  auto x = m.params->Number(first, 0, kMaxIndex);
  if (!x.ok()) return SetStatus(res, x.status()), false;
  auto n = m.params->Number(size_name, size_min, kMaxIndex);
  if (!n.ok()) return SetStatus(res, n.status()), false;
  if (!*x || !*n) {
    SetError(res, 400, "invalid_argument", std::string("give ") + first + " and " + size_name + " as whole numbers");
    return false;
  }
  if (**n > r.size()) {
    SetError(res, 404, "not_found", "the register has only " + std::to_string(r.size()) + " entries");
    return false;
  }
  *a = **x;
  *size = **n;
  return true;
}

}  // namespace

void AddRegisterRoutes(Api& api) {
  Registrar& r = api.center.registrar();
  api.Add("GET", "/v1/register/checkpoint", Audience::kRegister, [&r](const auto&, const auto&, HttpResponse& res) {
    auto note = r.Checkpoint();
    if (!note.ok()) return SetStatus(res, note.status());
    SetText(res, *note);
    res.headers.emplace_back("Cache-Control", "no-cache");
  });
  api.Add("GET", "/v1/register/vkey", Audience::kRegister,
          [&r](const auto&, const auto&, HttpResponse& res) { SetText(res, r.log_verifier().ToString() + "\n"); });
  api.Add("GET", "/v1/register/tile/*", Audience::kRegister, [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
    auto path = reg::ParseTilePath(m.segments[0]);
    if (!path.ok()) return SetError(res, 404, "not_found", path.status().message());
    auto tile = r.Tile(*path);
    if (!tile.ok()) return SetStatus(res, tile.status());
    SetText(res, std::move(tile).value(), "application/octet-stream");
    // A tile never changes once it exists; a partial one is replaced by a
    // wider one under another name.
    res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  });
  api.Add("GET", "/v1/register/entries", Audience::kRegister,
          [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
            const uint64_t size = r.size();
            auto start = m.params->Number("start", 0, kMaxIndex);
            if (!start.ok()) return SetStatus(res, start.status());
            auto end = m.params->Number("end", 0, kMaxIndex);
            if (!end.ok()) return SetStatus(res, end.status());
            const uint64_t from = std::min(start->value_or(0), size);
            const uint64_t to = std::max(from, std::min({end->value_or(size), size, from + kMaxPage}));
            auto entries = r.Entries(from, to);
            if (!entries.ok()) return SetStatus(res, entries.status());
            SetJson(res, 200, wire::EntryPage(*entries, size, to < size ? std::optional<uint64_t>(to) : std::nullopt));
          });
  api.Add("GET", "/v1/register/proof/inclusion", Audience::kRegister,
          [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
            uint64_t index = 0, size = 0;
            if (!ProofArguments(m, r, "index", "size", 1, &index, &size, res)) return;
            auto proof = r.InclusionProof(index, size);
            if (!proof.ok()) return SetError(res, 400, "invalid_argument", proof.status().message());
            auto entries = r.Entries(index, index + 1);
            if (!entries.ok()) return SetStatus(res, entries.status());
            if (entries->empty()) return SetStatus(res, Status::NotFound("no entry " + std::to_string(index)));
            SetJson(res, 200, wire::InclusionProofJson(index, size, entries->front().bytes, r.Root(size), *proof));
          });
  api.Add("GET", "/v1/register/proof/consistency", Audience::kRegister,
          [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
            uint64_t old_size = 0, new_size = 0;
            if (!ProofArguments(m, r, "old", "new", 0, &old_size, &new_size, res)) return;
            auto proof = r.ConsistencyProof(old_size, new_size);
            if (!proof.ok()) return SetError(res, 400, "invalid_argument", proof.status().message());
            SetJson(res, 200,
                    wire::ConsistencyProofJson(old_size, new_size, r.Root(old_size), r.Root(new_size), *proof));
          });
  // Every party with a pinned witness key, how far it has vouched, and
  // whether this server reaches it.
  api.Add("GET", "/v1/register/cosigners", Audience::kRegister,
          [&api, &r](const auto&, const auto&, HttpResponse& res) {
            auto cosigners = r.Cosigners();
            if (!cosigners.ok()) return SetStatus(res, cosigners.status());
            std::vector<wire::WitnessReach> reach;
            if (api.cosigning) {
              for (const auto& st : api.cosigning->States()) reach.push_back({st.key_name, st.url, st.last_error});
            }
            SetJson(res, 200, wire::CosignersJson(r.size(), *cosigners, reach));
          });
  api.Add("GET", "/v1/register/keys", Audience::kRegister, [&r](const auto&, const auto&, HttpResponse& res) {
    const auto ring = r.keys();  // held while it is written
    SetJson(res, 200, wire::KeysJson(*ring));
  });
}

}  // namespace truce::server
