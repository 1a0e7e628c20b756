#include "truce/wire/findings.h"

#include <gtest/gtest.h>

#include "truce/wire/errors.h"
#include "truce/wire/register.h"

namespace truce::wire {
namespace {

review::DeterminationView Proposed() {
  review::DeterminationView v;
  v.record.entry = 5;
  v.record.incident = "I-1";
  v.record.party = "center";
  v.record.signer = "log";
  v.record.body = {{"incident", "I-1"}, {"report_entries", {1, 3}}, {"finding", {{"responsible", "SY-GOV"}}}};
  v.record.positions["RU"] = {"RU", "ru-lead", review::Stance::kCosign, "", 6, {}};
  v.center_parties = {"RU", "TR"};
  return v;
}

// Every center party is listed, in the pack's order: with its position, or
// as awaited.
TEST(WireFindings, ADeterminationListsEveryCenterPartysPosition) {
  nlohmann::json j = DeterminationJson(Proposed());
  EXPECT_EQ(j["entry"], 5);
  EXPECT_EQ(j["state"], "proposed");
  EXPECT_EQ(j["finding"]["responsible"], "SY-GOV");
  EXPECT_EQ(j["report_entries"], nlohmann::json::array({1, 3}));
  ASSERT_EQ(j["positions"].size(), 2u);
  EXPECT_EQ(j["positions"][0]["position"], "cosigned");
  EXPECT_EQ(j["positions"][0]["entry"], 6);
  EXPECT_EQ(j["positions"][1], nlohmann::json({{"party", "TR"}, {"position", "awaited"}}));
  EXPECT_FALSE(j.contains("superseded_by"));
  EXPECT_EQ(DeterminationList({Proposed()})["determinations"][0], j);
}

// A position the center cannot establish shows as "unverifiable" with its
// reasons, and so does the state once every party has a position.
TEST(WireFindings, AnUnverifiablePositionShowsWithItsReasons) {
  review::DeterminationView v = Proposed();
  v.record.positions["TR"] = {"TR", "tr-lead", review::Stance::kUnverifiable, "no one reached the site", 7, {}};
  v.state = review::State::kUnverifiable;
  nlohmann::json j = DeterminationJson(v);
  EXPECT_EQ(j["state"], "unverifiable");
  EXPECT_EQ(j["positions"][0]["position"], "cosigned");
  EXPECT_FALSE(j["positions"][0].contains("reasons"));
  EXPECT_EQ(j["positions"][1]["position"], "unverifiable");
  EXPECT_EQ(j["positions"][1]["reasons"], "no one reached the site");
  EXPECT_EQ(j["positions"][1]["signer"], "tr-lead");
  EXPECT_EQ(j["positions"][1]["entry"], 7);
}

TEST(WireFindings, AnIncidentIsItsFindingWithItsNewestDeterminationAndState) {
  IncidentRecord r;
  r.finding.incident.id = "I-1";
  r.finding.incident.reports = {1, 3};
  r.finding.zones = {"area"};
  nlohmann::json none = IncidentJson(r);
  EXPECT_EQ(none["incident"], "I-1");
  EXPECT_TRUE(none["determination"].is_null());
  EXPECT_EQ(none["state"], "none");
  r.determination = Proposed();
  r.determination->state = review::State::kFinal;
  nlohmann::json decided = IncidentJson(r);
  EXPECT_EQ(decided["state"], "final");
  EXPECT_EQ(decided["determination"]["entry"], 5);
  // Everything else is the finding as its determination entry states it,
  // and the zones its place is in, which follow from it.
  EXPECT_EQ(decided["zones"], nlohmann::json::array({"area"}));
  decided.erase("state");
  decided.erase("determination");
  decided.erase("zones");
  EXPECT_EQ(decided, FindingBody(r.finding));

  nlohmann::json page = IncidentPageJson({7, false, {r}});
  EXPECT_EQ(page["total"], 7);
  EXPECT_EQ(page["complete"], false);
  EXPECT_EQ(page["incidents"].size(), 1u);
  nlohmann::json detail = IncidentDetailJson({r, {Proposed(), Proposed()}}, {});
  EXPECT_EQ(detail["determinations"].size(), 2u);
  EXPECT_EQ(detail["report_details"], nlohmann::json::array());
}

TEST(WireFindings, AnEventIsNamedByWhatItSays) {
  LiveFindings::Event removed{3, IncidentRemoved{"I-4"}};
  EXPECT_EQ(EventName(removed), "incident_removed");
  EXPECT_EQ(EventData(removed), R"({"incident":"I-4"})");
  LiveFindings::Event complete{4, CatchUpComplete{12}};
  EXPECT_EQ(EventName(complete), "complete");
  EXPECT_EQ(EventData(complete), R"({"incidents":12})");
  LiveFindings::Event determination{5, Proposed()};
  EXPECT_EQ(EventName(determination), "determination");
  EXPECT_EQ(nlohmann::json::parse(EventData(determination)), DeterminationJson(Proposed()));
  EXPECT_EQ(EventName({6, IncidentRecord{}}), "incident");
}

// The listener's refusals, written as text, say what every other error says.
TEST(WireErrors, TheListenersErrorTextIsTheErrorJson) {
  EXPECT_EQ(nlohmann::json::parse(FixedErrorBody("unavailable", "busy")), ErrorJson("unavailable", "busy"));
  EXPECT_EQ(ErrorJson("x", "y", {1})["error"]["details"], nlohmann::json::array({1}));
}

TEST(WireRegister, AnEntryPageNamesItsLeafHashesAndWhereTheNextPageStarts) {
  std::vector<StoredEntry> entries = {{0, R"({"kind":"key"})"}, {1, "not json"}};
  nlohmann::json page = EntryPage(entries, 4, 2);
  EXPECT_EQ(page["next"], 2);
  EXPECT_EQ(page["size"], 4);
  EXPECT_EQ(page["entries"][0]["entry"]["kind"], "key");
  EXPECT_TRUE(page["entries"][1]["entry"].is_discarded() || page["entries"][1]["entry"].is_null());
  EXPECT_EQ(page["entries"][0]["leaf_hash"].get<std::string>().size(), 44u);  // 32 bytes in base64
  EXPECT_TRUE(EntryPage({}, 4, std::nullopt)["next"].is_null());
}

}  // namespace
}  // namespace truce::wire
