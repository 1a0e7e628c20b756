#include <gtest/gtest.h>

#include <string>

#include "truce/mission/mission.h"
#include "truce/mission/test_mission.h"

namespace truce {
namespace {

using testing::kMiniGazetteer;
using testing::kMiniSites;
using testing::kMiniToml;
using testing::kMiniZones;

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

std::string ErrorOf(const std::string& toml, const std::string& zones = kMiniZones,
                    const std::string& gazetteer = kMiniGazetteer) {
  auto m = ParseMission(toml, zones, gazetteer, kMiniSites);
  EXPECT_FALSE(m.ok());
  return m.ok() ? "" : m.status().message();
}

TEST(LoadMission, ReadsTheMiniPack) {
  Mission m = testing::MiniMission();
  EXPECT_EQ(m.id, "mini");
  EXPECT_EQ(m.parties.size(), 4u);
  EXPECT_EQ(m.clauses.size(), 3u);
  EXPECT_EQ(m.zones.size(), 5u);  // four zones and one protected site
  EXPECT_EQ(m.FindZone("road-corridor")->half_width_m, 6000);
  EXPECT_EQ(m.FindZone("hospital-1")->kind, geo::ZoneKind::kBuffer);
  EXPECT_NE(m.gazetteer.Find("areeha"), nullptr);
}

TEST(LoadMission, NamesTheTomlLineOfASyntaxError) {
  std::string msg = ErrorOf(Replace(kMiniToml, "role = \"conflict\"", "role = conflict"));
  EXPECT_NE(msg.find("mission.toml:"), std::string::npos) << msg;
}

TEST(LoadMission, NamesTheClauseAndLineOfABadTime) {
  std::string msg = ErrorOf(Replace(kMiniToml, "\"2020-03-06T00:01:00+03:00\"", "\"2020-03-06T00:01:00\""));
  EXPECT_NE(msg.find("mission.toml:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("C-1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("time zone"), std::string::npos) << msg;
}

TEST(LoadMission, RefusesUnknownReferences) {
  EXPECT_NE(ErrorOf(Replace(kMiniToml, "zones = [\"area\"]", "zones = [\"nowhere\"]")).find("'nowhere'"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(Replace(kMiniToml, "weapon_classes = [\"mortar-120\"]", "weapon_classes = [\"tank\"]")).find("'tank'"),
      std::string::npos);
  // A clause over a line without width could never apply anywhere.
  EXPECT_NE(ErrorOf(Replace(kMiniToml, "zones = [\"area\"]", "zones = [\"front\"]")).find("half_width_m"),
            std::string::npos);
}

TEST(LoadMission, ClausesNameThePartiesTheyBind) {
  std::string toml = Replace(kMiniToml, "distance_km = 10", "distance_km = 10\nbinds = [\"SY-GOV\"]");
  auto m = ParseMission(toml, kMiniZones, kMiniGazetteer, kMiniSites);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->clauses[2].binds, std::vector<std::string>{"SY-GOV"});
  EXPECT_NE(ErrorOf(Replace(kMiniToml, "distance_km = 10", "distance_km = 10\nbinds = [\"XX\"]")).find("binds 'XX'"),
            std::string::npos);
}

TEST(LoadMission, NamesTheFeatureOfABadZone) {
  std::string msg = ErrorOf(kMiniToml, Replace(kMiniZones, "[36.3,35.8]", "[36.3,95.8]"));
  EXPECT_NE(msg.find("zones.geojson feature 1 (road-corridor)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("latitude"), std::string::npos) << msg;
  msg = ErrorOf(kMiniToml, Replace(kMiniZones, ",\"half_width_m\":6000", ""));
  EXPECT_NE(msg.find("half_width_m"), std::string::npos) << msg;
  msg = ErrorOf(kMiniToml, Replace(kMiniZones, "\"party\":\"SY-GOV\"", "\"party\":\"XX\""));
  EXPECT_NE(msg.find("'XX'"), std::string::npos) << msg;
  msg = ErrorOf(kMiniToml,
                Replace(kMiniZones, "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[36.0,35.6],[37.0,35.6]]}",
                        "\"geometry\":null"));
  EXPECT_NE(msg.find("feature 2 (front): geometry is missing"), std::string::npos) << msg;  // found by fuzzing
  msg = ErrorOf(kMiniToml, "{\"type\":\"FeatureCollection\",");
  EXPECT_NE(msg.find("zones.geojson: not valid JSON"), std::string::npos) << msg;
}

TEST(LoadMission, RefusesAPlaceNameUsedTwice) {
  std::string msg =
      ErrorOf(kMiniToml, kMiniZones, Replace(kMiniGazetteer, "\"name\":\"Saraqib\"", "\"name\":\"Areeha\""));
  EXPECT_NE(msg.find("already used by Ariha"), std::string::npos) << msg;
}

TEST(LoadMission, PatrolSettingsAreReadAndChecked) {
  EXPECT_TRUE(testing::MiniMission().patrols.zones.empty());
  EXPECT_EQ(testing::MiniMission().patrols.tolerance_m, 500);
  const std::string patrols = "\n[patrols]\nzones = [\"road-corridor\"]\ntolerance_m = 300\n";
  auto m = ParseMission(std::string(kMiniToml) + patrols, kMiniZones, kMiniGazetteer, kMiniSites);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->patrols.zones, std::vector<std::string>{"road-corridor"});
  EXPECT_EQ(m->patrols.tolerance_m, 300);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[patrols]\nzones = [\"nowhere\"]\n").find("[patrols] zone 'nowhere'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[patrols]\nzones = [\"front\"]\n").find("half_width_m"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[patrols]\ntolerance_m = 0\n").find("must be above 0"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[patrols]\nspeed = 3\n").find("no setting 'speed'"), std::string::npos);
}

TEST(LoadMission, ExportSettingsAreReadAndChecked) {
  const std::string exports =
      "\n[export]\ncountry = \"Syria\"\niso = 760\nregion = \"Middle East\"\n"
      "event_id_prefix = \"SYR\"\n";
  std::string toml = Replace(kMiniToml, "name = \"Russian Federation\"",
                             "name = \"Russian Federation\"\nacled_actor = \"Military Forces of Russia (2000-)\"\n"
                             "acled_inter = 8");
  auto m = ParseMission(toml + exports, kMiniZones, kMiniGazetteer, kMiniSites);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->exports.country, "Syria");
  EXPECT_EQ(m->exports.iso, 760);
  EXPECT_EQ(m->exports.region, "Middle East");
  EXPECT_EQ(m->exports.event_id_prefix, "SYR");
  EXPECT_EQ(m->FindParty("RU")->acled_actor, "Military Forces of Russia (2000-)");
  EXPECT_EQ(m->FindParty("RU")->acled_inter, 8);
  EXPECT_EQ(m->FindParty("TR")->acled_inter, 0);  // not given

  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[export]\ncountri = \"Syria\"\n").find("no setting 'countri'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[export]\niso = 1000\n").find("ISO 3166-1"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMiniToml) + "\n[export]\nevent_id_prefix = \"syr\"\n").find("capital letters"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(Replace(kMiniToml, "name = \"Russian Federation\"", "name = \"R\"\nacled_inter = 9")).find("acled_inter"),
      std::string::npos);
}

TEST(LoadMission, ShippedPacksLoad) {
  for (const char* pack : {"idlib-2020", "karabakh-2020"}) {
    auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/" + pack);
    ASSERT_TRUE(m.ok()) << pack << ": " << m.status().ToString();
    EXPECT_EQ(m->id, pack);
    size_t centers = 0;
    for (const Party& p : m->parties) centers += p.role == PartyRole::kCenter;
    EXPECT_EQ(centers, 2u) << pack;  // RU and TR staff both centers
    EXPECT_NE(m->FindParty("RU"), nullptr);
    EXPECT_NE(m->FindParty("TR"), nullptr);
    EXPECT_GE(m->gazetteer.places().size(), 20u) << pack;
  }
}

TEST(LoadMission, MissingFolderSaysSo) {
  auto m = LoadMission("/nonexistent/pack");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("mission.toml"), std::string::npos);
}

}  // namespace
}  // namespace truce
