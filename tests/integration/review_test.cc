// The findings of a running center and their joint review, over HTTP: a
// simulated feed forms incidents, the center proposes determinations, each
// party's lead cosigns or disputes them, and the events stream out.
#include <map>

#include "run_truce.h"
#include "serve_fixture.h"

namespace truce::testing {
namespace {

class LiveReview : public Serve {
 protected:
  static void SetUpTestSuite() { ServeSimulatedDay(5); }

  // The determinations proposed.
  json Determinations(const std::string& query = "") {
    json d = Get("/v1/determinations?limit=1000" + query)["determinations"];
    if (d.empty()) ADD_FAILURE() << "no determination was proposed";
    return d;
  }

  // One entry's line, signed with the pack's demonstration key.
  static std::string Signed(const std::string& kind, const std::string& key, const std::string& party,
                            const json& body) {
    auto k = Key(key);
    auto e = reg::MakeEntry(kind, party, key, Instant{1583839200000, 180}, body, &k);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? e->bytes + "\n" : "";
  }

  json Review(const std::string& kind, const std::string& key, const std::string& party, const json& body, int expect) {
    return Post("/v1/register/entries", Signed(kind, key, party, body), expect, "application/x-ndjson");
  }

  // The determination, once the findings have read the review entries
  // written so far; `party`'s position on it must be `position`.
  json Position(uint64_t entry, const std::string& party, const std::string& position) {
    SyncFindings();
    json d = Get("/v1/determinations/" + std::to_string(entry));
    for (const json& p : d["positions"]) {
      if (p["party"] == party && p["position"] == position) return d;
    }
    ADD_FAILURE() << party << " has not " << position << ": " << d.dump();
    return d;
  }
};

TEST_F(LiveReview, IncidentsFormAndTheCenterProposesDeterminations) {
  json d = Determinations();
  ASSERT_FALSE(d.empty());
  json incidents = Get("/v1/incidents?limit=1000");
  EXPECT_GT(incidents["total"].get<int>(), 10);
  size_t with_clauses = 0;
  for (const json& rec : d) {
    EXPECT_EQ(rec["proposed_by"]["party"], "center");
    EXPECT_EQ(rec["proposed_by"]["signer"], "idlib-2020-log");
    EXPECT_FALSE(rec["finding"]["reasons"].empty());
    with_clauses += !rec["finding"]["clauses"].empty();
  }
  EXPECT_GT(with_clauses, 0u);
  // Every incident is on the record, broken clause or not, once it has
  // settled.
  const size_t off_record = Get("/v1/incidents?state=none&limit=1")["total"].get<size_t>();
  const size_t total = Get("/v1/incidents?limit=1")["total"].get<size_t>();
  EXPECT_EQ(off_record, 0u) << "of " << total << " incidents, " << off_record << " have no determination";
  // One incident in full: its reports and its determinations.
  std::string id = Get("/v1/incidents?limit=1")["incidents"][0]["incident"];
  json inc = Get("/v1/incidents/" + id);
  EXPECT_EQ(inc["incident"], id);
  EXPECT_EQ(inc["report_details"].size(), inc["report_ids"].size());
  EXPECT_FALSE(inc["determinations"].empty());
  Get("/v1/incidents/I-999999", 404);
  // Filters.
  json by_clause = Get("/v1/incidents?clause=AP-1&limit=1000");
  for (const json& i : by_clause["incidents"]) {
    EXPECT_NE(std::find(i["clauses"].begin(), i["clauses"].end(), "AP-1"), i["clauses"].end());
  }
  Get("/v1/incidents?state=maybe", 400);
}

TEST_F(LiveReview, ADeterminationIsFinalOnlyWhenEveryPartysLeadCosigns) {
  json d = Determinations("&state=proposed");
  ASSERT_FALSE(d.empty());
  uint64_t entry = d[0]["entry"];
  std::string incident = d[0]["incident"];
  json body = {{"determination", entry}, {"incident", incident}, {"previous", nullptr}};
  Review("cosign", "ru-lead", "RU", body, 201);
  json one = Position(entry, "RU", "cosigned");
  EXPECT_EQ(one["state"], "proposed");  // one party's word is not enough
  EXPECT_EQ(one["positions"][1]["position"], "awaited");
  Review("cosign", "tr-lead", "TR", body, 201);
  json both = Position(entry, "TR", "cosigned");
  EXPECT_EQ(both["state"], "final");
  EXPECT_EQ(both["positions"][1]["signer"], "tr-lead");
}

TEST_F(LiveReview, ADisputeIsOnRecordWithItsReasons) {
  json d = Determinations("&state=proposed");
  ASSERT_FALSE(d.empty());
  uint64_t entry = d.back()["entry"];
  std::string incident = d.back()["incident"];
  Review("cosign", "tr-lead", "TR", {{"determination", entry}, {"incident", incident}, {"previous", nullptr}}, 201);
  Review("dispute", "ru-lead", "RU",
         {{"determination", entry},
          {"incident", incident},
          {"reasons", "The firing point is on our side's map."},
          {"previous", nullptr}},
         201);
  json rec = Position(entry, "RU", "disputed");
  EXPECT_EQ(rec["state"], "disputed");
  EXPECT_EQ(rec["positions"][0]["reasons"], "The firing point is on our side's map.");
  json disputed = Get("/v1/determinations?state=disputed");
  EXPECT_FALSE(disputed["determinations"].empty());
}

TEST_F(LiveReview, OnlyALeadOfItsOwnPartyMayReviewAndOnlyADetermination) {
  json d = Determinations();
  ASSERT_FALSE(d.empty());
  uint64_t entry = d[0]["entry"];
  std::string incident = d[0]["incident"];
  json body = {{"determination", entry}, {"incident", incident}, {"previous", nullptr}};
  Review("cosign", "ru-obs-1", "RU", body, 403);    // an observer
  Review("cosign", "ru-analyst", "RU", body, 403);  // an analyst proposes; only a lead cosigns
  Review("cosign", "ru-lead", "TR", body, 403);     // as the other party
  // Entry 0 is a report, not a determination.
  json bad =
      Review("cosign", "ru-lead", "RU", {{"determination", 0}, {"incident", incident}, {"previous", nullptr}}, 422);
  EXPECT_NE(bad.dump().find("not a determination"), std::string::npos) << bad.dump();
  bad = Review("cosign", "ru-lead", "RU", {{"determination", entry}, {"incident", "I-1234567"}, {"previous", nullptr}},
               422);
  EXPECT_NE(bad.dump().find("body.incident"), std::string::npos) << bad.dump();
  bad = Review("dispute", "ru-lead", "RU", body, 422);  // no reasons
  EXPECT_NE(bad.dump().find("body.reasons"), std::string::npos) << bad.dump();
  // Only the kind's own fields: a cosign carries no reasons, of any type.
  bad = Review("cosign", "ru-lead", "RU",
               {{"determination", entry}, {"incident", incident}, {"reasons", 1}, {"previous", nullptr}}, 422);
  EXPECT_NE(bad.dump().find("body.reasons: not a field of a cosign entry"), std::string::npos) << bad.dump();
  // A new position names the one it follows (null for the first).
  bad = Review("cosign", "ru-lead", "RU", {{"determination", entry}, {"incident", incident}}, 422);
  EXPECT_NE(bad.dump().find("body.previous"), std::string::npos) << bad.dump();
  // A determination cites the incident's report entries, which must be in the register.
  bad = Review("determination", "ru-analyst", "RU",
               {{"incident", incident},
                {"report_entries", {1000000000000000}},
                {"finding", json::object()},
                {"previous", entry}},
               422);
  EXPECT_NE(bad.dump().find("body.report_entries: entry 1000000000000000"), std::string::npos) << bad.dump();
  // The tester's case: a determination for an incident the center never
  // formed, citing real report entries.
  bad = Review("determination", "ru-analyst", "RU",
               {{"incident", "I-987654321"},
                {"report_entries", d[0]["report_entries"]},
                {"finding", json::object()},
                {"previous", nullptr}},
               422);
  EXPECT_NE(bad.dump().find("there is no incident I-987654321"), std::string::npos) << bad.dump();
  Get("/v1/determinations/99999999999999999999999", 400);  // not an index at all
  Get("/v1/determinations/9999999999", 404);
}

// Issue 9, the tester's replay: TR's lead cosigns, then disputes. The
// cosign posted again byte for byte is a duplicate (not appended) and TR
// stays disputing; a fresh cosign that follows the old position is
// refused with 409. A superseded determination posted again is a
// duplicate, and the incident's newest stays the newest.
TEST_F(LiveReview, AReplayedPositionOrDeterminationChangesNothing) {
  json d = Determinations("&state=proposed");
  ASSERT_GE(d.size(), 3u);
  const json& rec = d[d.size() / 2];
  uint64_t entry = rec["entry"];
  std::string incident = rec["incident"];
  Review("cosign", "ru-lead", "RU", {{"determination", entry}, {"incident", incident}, {"previous", nullptr}}, 201);
  std::string cosign =
      Signed("cosign", "tr-lead", "TR", {{"determination", entry}, {"incident", incident}, {"previous", nullptr}});
  uint64_t c = Post("/v1/register/entries", cosign, 201, "application/x-ndjson")["entries"][0]["index"];
  EXPECT_EQ(Position(entry, "TR", "cosigned")["state"], "final");
  uint64_t x = Review("dispute", "tr-lead", "TR",
                      {{"determination", entry}, {"incident", incident}, {"reasons", "Not ours."}, {"previous", c}},
                      201)["entries"][0]["index"];
  EXPECT_EQ(Position(entry, "TR", "disputed")["state"], "disputed");

  const uint64_t size = RegisterSize();
  json again = Post("/v1/register/entries", cosign, 200, "application/x-ndjson");
  EXPECT_TRUE(again["entries"].empty()) << again.dump();
  EXPECT_EQ(again["duplicates"], 1) << again.dump();
  json stale =
      Review("cosign", "tr-lead", "TR", {{"determination", entry}, {"incident", incident}, {"previous", c}}, 409);
  EXPECT_NE(stale.dump().find("TR's position on determination " + std::to_string(entry) + " is now entry " +
                              std::to_string(x) + ", not entry " + std::to_string(c) + ": re-read and sign again"),
            std::string::npos)
      << stale.dump();
  // Nothing was appended, and the review is read off the register alone:
  // there is nothing it could have changed, with no wait needed to see it.
  EXPECT_EQ(RegisterSize(), size);
  json after = Get("/v1/determinations/" + std::to_string(entry));
  EXPECT_EQ(after["state"], "disputed") << after.dump();
  EXPECT_EQ(after["positions"][1]["entry"], x) << after.dump();

  // An analyst's determination supersedes the center's. The center's,
  // posted again, is a duplicate; one signed again as the incident's first
  // is stale (409).
  const json other = d[d.size() / 2 + 1];
  uint64_t old_entry = other["entry"];
  std::string other_incident = other["incident"];
  json newer = {{"incident", other_incident},
                {"report_entries", other["report_entries"]},
                {"finding", other["finding"]},
                {"previous", old_entry}};
  uint64_t n = Review("determination", "ru-analyst", "RU", newer, 201)["entries"][0]["index"];
  SyncFindings();
  const uint64_t size_before_replays = RegisterSize();
  EXPECT_EQ(Get("/v1/incidents/" + other_incident)["determination"]["entry"], n);
  // The center's superseded determination, as anyone can read it.
  json old_line = Get("/v1/register/entries?start=" + std::to_string(old_entry) +
                      "&end=" + std::to_string(old_entry + 1))["entries"][0]["entry"];
  json replay = Post("/v1/register/entries", old_line.dump() + "\n", 200, "application/x-ndjson");
  EXPECT_EQ(replay["duplicates"], 1) << replay.dump();
  EXPECT_TRUE(replay["entries"].empty()) << replay.dump();
  newer["previous"] = nullptr;
  Review("determination", "ru-analyst", "RU", newer, 409);
  EXPECT_EQ(RegisterSize(), size_before_replays) << "a replay or a stale entry was appended";
  EXPECT_EQ(Get("/v1/incidents/" + other_incident)["determination"]["entry"], n);
  EXPECT_EQ(Get("/v1/determinations/" + std::to_string(old_entry))["superseded_by"], n);
}

// A lead's review queue: the proposed determinations on which the party
// has taken no position, oldest first; the party must be a center party.
TEST_F(LiveReview, TheQueueOfALeadIsWhatItHasNotReviewed) {
  json queue = Get("/v1/determinations?awaiting=RU&limit=1000")["determinations"];
  ASSERT_GE(queue.size(), 2u);
  for (size_t i = 0; i < queue.size(); ++i) {
    EXPECT_EQ(queue[i]["state"], "proposed");
    for (const json& p : queue[i]["positions"]) {
      if (p["party"] == "RU") EXPECT_EQ(p["position"], "awaited") << queue[i].dump();
    }
    if (i > 0) EXPECT_LT(queue[i - 1]["entry"].get<uint64_t>(), queue[i]["entry"].get<uint64_t>());
  }
  const uint64_t first = queue[0]["entry"];
  const std::string incident = queue[0]["incident"];
  Review("unverifiable", "ru-lead", "RU",
         {{"determination", first},
          {"incident", incident},
          {"reasons", "No one reached the site."},
          {"previous", nullptr}},
         201);
  Position(first, "RU", "unverifiable");
  json after = Get("/v1/determinations?awaiting=RU&limit=1000")["determinations"];
  EXPECT_EQ(after.size(), queue.size() - 1);
  for (const json& d : after) EXPECT_NE(d["entry"], first);
  // TR's queue still holds it: TR has not said.
  bool in_tr = false;
  const json tr_queue = Get("/v1/determinations?awaiting=TR&limit=1000");  // held: the loop reads into it
  for (const json& d : tr_queue["determinations"]) in_tr |= d["entry"] == first;
  EXPECT_TRUE(in_tr);
  json bad = Get("/v1/determinations?awaiting=SY-GOV", 400);
  EXPECT_NE(bad.dump().find("not a center party (RU, TR)"), std::string::npos) << bad.dump();
  Get("/v1/determinations?awaiting=center", 400);
  Get("/v1/determinations?awaiting=RU&state=final", 400);
  EXPECT_EQ(Get("/v1/determinations?awaiting=RU&state=proposed&limit=1000")["determinations"], after);
  EXPECT_EQ(Get("/v1/determinations?awaiting=RU&limit=1")["determinations"].size(), 1u);
}

// "The center cannot establish what happened": a lead's unverifiable,
// through the `truce review` command. With the other lead's cosign the
// determination is unverifiable: not final, so not among the final ones,
// and listed by state. The lead then changes its position to a cosign,
// naming the unverifiable as previous, and it is final.
TEST_F(LiveReview, AnUnverifiableDeterminationIsNeitherFinalNorDisputed) {
  json queue = Get("/v1/determinations?awaiting=TR&limit=1000")["determinations"];
  json pick;
  for (const json& d : queue) {
    bool ru_awaited = false;
    for (const json& p : d["positions"]) ru_awaited |= p["party"] == "RU" && p["position"] == "awaited";
    if (ru_awaited) pick = d;
  }
  ASSERT_FALSE(pick.is_null()) << "no determination awaits both leads";
  const uint64_t entry = pick["entry"];
  const std::string incident = pick["incident"];
  const std::string keys = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/keys/demo/";
  const std::string server = " --server http://127.0.0.1:" + std::to_string(port_);
  // Reasons are required, by the command and by the center.
  EXPECT_NE(Truce("review unverifiable" + server + " --key " + keys + "tr-lead.key " + std::to_string(entry)).code, 0);
  json bad = Review("unverifiable", "tr-lead", "TR",
                    {{"determination", entry}, {"incident", incident}, {"previous", nullptr}}, 422);
  EXPECT_NE(bad.dump().find("body.reasons"), std::string::npos) << bad.dump();
  Review("unverifiable", "tr-obs-1", "TR",
         {{"determination", entry}, {"incident", incident}, {"reasons", "no"}, {"previous", nullptr}}, 403);

  Outcome said = Truce("review unverifiable" + server + " --key " + keys +
                       "tr-lead.key --reason 'No crater analysis: the site was not reached.' " + std::to_string(entry));
  ASSERT_EQ(said.code, 0) << said.out;
  EXPECT_NE(said.out.find("TR found unverifiable determination " + std::to_string(entry)), std::string::npos)
      << said.out;
  EXPECT_EQ(Position(entry, "TR", "unverifiable")["state"], "proposed");  // RU has not said
  Outcome cosigned = Truce("review cosign" + server + " --key " + keys + "ru-lead.key " + std::to_string(entry));
  ASSERT_EQ(cosigned.code, 0) << cosigned.out;
  json rec = Position(entry, "RU", "cosigned");
  EXPECT_EQ(rec["state"], "unverifiable");
  EXPECT_EQ(rec["positions"][1]["position"], "unverifiable");
  EXPECT_EQ(rec["positions"][1]["reasons"], "No crater analysis: the site was not reached.");

  auto listed = [&](const std::string& query) {
    const json page = Get("/v1/determinations?limit=1000&" + query);  // held: the loop reads into it
    for (const json& d : page["determinations"]) {
      if (d["entry"] == entry) return true;
    }
    return false;
  };
  EXPECT_TRUE(listed("state=unverifiable"));
  EXPECT_FALSE(listed("state=final"));
  EXPECT_FALSE(listed("state=proposed"));
  EXPECT_FALSE(listed("awaiting=TR"));
  json incidents = Get("/v1/incidents?state=unverifiable&limit=1000")["incidents"];
  bool found = false;
  for (const json& i : incidents) found |= i["incident"] == incident;
  EXPECT_TRUE(found);
  json wrong = Get("/v1/incidents?state=maybe", 400);
  EXPECT_NE(wrong.dump().find("unverifiable"), std::string::npos) << wrong.dump();
  wrong = Get("/v1/determinations?state=maybe", 400);
  EXPECT_NE(wrong.dump().find("proposed, final, disputed, unverifiable or superseded"), std::string::npos)
      << wrong.dump();
  Outcome list = Truce("review list" + server + " --key " + keys + "tr-lead.key --state unverifiable");
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_NE(list.out.find("TR:unverifiable"), std::string::npos) << list.out;
  Outcome table = Truce("incidents" + server + " --key " + keys + "tr-lead.key --state unverifiable");
  ASSERT_EQ(table.code, 0) << table.out;
  EXPECT_NE(table.out.find(incident + " "), std::string::npos) << table.out;

  // TR changes its position: the cosign follows its unverifiable.
  Outcome changed = Truce("review cosign" + server + " --key " + keys + "tr-lead.key " + std::to_string(entry));
  ASSERT_EQ(changed.code, 0) << changed.out;
  rec = Position(entry, "TR", "cosigned");
  EXPECT_EQ(rec["state"], "final");
  EXPECT_TRUE(listed("state=final"));
}

TEST_F(LiveReview, EventsStreamNewAndChangedIncidents) {
  Determinations();
  std::string got;
  auto client = Client();
  client.set_read_timeout(10);
  auto res = client.Get("/v1/events?after=0", [&](const char* data, size_t n) {
    got.append(data, n);
    return got.find("event: determination") == std::string::npos;  // stop once one came
  });
  // First the end of the catch-up at start (an empty store then), then
  // each incident as reports came.
  EXPECT_EQ(got.rfind("id: 1\nevent: complete\ndata: {\"incidents\":0}\n\n", 0), 0u) << got.substr(0, 300);
  EXPECT_NE(got.find("id: 2\nevent: incident\ndata: {"), std::string::npos) << got.substr(0, 300);
  EXPECT_NE(got.find("event: determination"), std::string::npos);
}

// Fusion results are reproducible from the reports: the live, incremental
// incidents of the server are exactly what a batch fusion of its store gives.
TEST_F(LiveReview, TheLiveIncidentsAreWhatABatchFusionOfTheStoreGives) {
  Determinations();
  std::map<std::string, json> live;
  const json page = Get("/v1/incidents?limit=1000");  // held: the loop reads into it
  for (const json& i : page["incidents"]) live[i["incident"].get<std::string>()] = i["report_ids"];
  std::string cmd = std::string(TRUCE_BINARY) + " incidents -q --format jsonl --db " + (dir_ / "center.db").string();
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::map<std::string, json> batch;
  char line[1 << 16];
  while (std::fgets(line, sizeof line, p)) {
    json i = json::parse(line);
    batch[i["incident"].get<std::string>()] = i["report_ids"];
  }
  ASSERT_EQ(::pclose(p), 0);
  EXPECT_GT(batch.size(), 10u);
  EXPECT_EQ(live, batch);
}

TEST_F(LiveReview, TheRegisterWithItsReviewEntriesStillVerifies) {
  Determinations();
  std::string cmd = std::string(TRUCE_BINARY) + " verify http://127.0.0.1:" + std::to_string(port_) +
                    "/v1/register/ --mission " + TRUCE_SOURCE_DIR + "/missions/idlib-2020 --key " + TRUCE_SOURCE_DIR +
                    "/missions/idlib-2020/keys/demo/tr-obs-1.key > /dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

// The center proposes an incident's determination only once the incident
// has been quiet for the settle time by the server's clock: the test moves
// the clock to just short of it, then to it.
class Settling : public Serve {
 protected:
  static void SetUpTestSuite() {
    manual_clock_ = true;
    extra_args_ = {"--settle", "30"};
    Serve::SetUpTestSuite();
  }
};

TEST_F(Settling, AnIncidentIsProposedOnlyOnceItHasBeenQuietForTheSettleTime) {
  const std::string report =
      R"({"id":"OP-S1","source":{"kind":"observer","party":"TR","name":"OP-S1"},"category":"shelling",)"
      R"("observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":300}})";
  Post("/v1/reports", Sign(report) + "\n", 201, "application/x-ndjson");
  SyncFindings();
  json incidents = Get("/v1/incidents");
  ASSERT_EQ(incidents["total"], 1) << incidents.dump();
  EXPECT_EQ(incidents["incidents"][0]["state"], "none");
  const uint64_t size = RegisterSize();
  Advance(29'999);
  SyncFindings();
  EXPECT_EQ(Get("/v1/incidents")["incidents"][0]["state"], "none") << "proposed before the settle time";
  EXPECT_EQ(RegisterSize(), size);
  EXPECT_TRUE(Get("/v1/determinations")["determinations"].empty());
  Advance(1);
  SyncFindings();
  EXPECT_EQ(Get("/v1/incidents")["incidents"][0]["state"], "proposed");
  EXPECT_EQ(RegisterSize(), size + 1);
  json d = Get("/v1/determinations")["determinations"];
  ASSERT_EQ(d.size(), 1u) << d.dump();
  EXPECT_EQ(d[0]["proposed_by"]["party"], "center");
}

// What a test may tell the clock, and what it may not.
TEST_F(Settling, TheClockAnswersItsCommandsAndNamesAWrongOne) {
  const int64_t now = now_ms_;
  EXPECT_EQ(Answer(clock_, "advance 0"), "clock " + std::to_string(now));
  EXPECT_EQ(Answer(clock_, "sync"), "clock " + std::to_string(now));
  EXPECT_EQ(Answer(clock_, "witnessed"), "clock " + std::to_string(now));  // no witnesses: at once
  EXPECT_EQ(Answer(clock_, "advance -5"), "error: advance takes a whole number of milliseconds, 0 or more, not '-5'");
  EXPECT_EQ(Answer(clock_, "rewind 5"), "error: 'rewind 5' is not a command (advance MS, sync, witnessed)");
  EXPECT_EQ(Answer(clock_, "advance 1500"), "clock " + std::to_string(now + 1500));
  now_ms_ = now + 1500;
}

}  // namespace
}  // namespace truce::testing
