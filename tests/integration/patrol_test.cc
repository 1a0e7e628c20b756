// Joint patrols in the register of a running center, over HTTP: the first
// joint patrol of 15 March 2020 planned by Russia's lead, agreed by
// Turkey's, stopped near al-Nayrab by a sit-in; the plan held against the
// pack's corridor, each step in its order, and the obstruction a report
// that fusion takes like any other.
#include <fstream>
#include <set>

#include "run_truce.h"
#include "serve_fixture.h"
#include "truce/register/patrol_entries.h"

namespace truce::testing {
namespace {

class Patrols : public Serve {
 protected:
  static void SetUpTestSuite() {
    manual_clock_ = true;  // for SyncFindings
    Serve::SetUpTestSuite();
  }
  static json FirstPatrol() {
    std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/patrols/JP-2020-03-15.json");
    return json::parse(in);
  }
  static std::string Entry(const std::string& kind, const std::string& key, const std::string& party, const json& body,
                           int64_t second = 0) {
    auto k = Key(key);
    auto e = reg::MakeEntry(kind, party, key, Instant{1584252000000 + second * 1000, 180}, body, &k);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? e->bytes + "\n" : "";
  }
  json Put(const std::string& entry, int expect) {
    return Post("/v1/register/entries", entry, expect, "application/x-ndjson");
  }
  static uint64_t IndexOf(const json& answer) { return answer["entries"][0]["index"].get<uint64_t>(); }
  static std::string ErrorOf(const json& answer) { return answer["error"].dump(); }
};

TEST_F(Patrols, APlanOffTheCorridorIsRefusedWithTheReason) {
  json plan = FirstPatrol();
  plan["patrol"] = "JP-off";
  // Straight from Trumba to Saraqib's east, through country no patrol may
  // use: the route leaves the corridor.
  plan["route"] = {{"waypoints", {{35.84, 36.55}, {35.70, 37.10}}}};
  plan["halts"] = json::array();
  json refused = Put(Entry("patrol_plan", "ru-lead", "RU", reg::PatrolPlanBody("JP-off", plan, std::nullopt)), 422);
  EXPECT_NE(ErrorOf(refused).find("route"), std::string::npos) << refused.dump();
  // A plan whose name differs from the entry's patrol, and one signed by a
  // party the plan leaves out, are refused too.
  refused =
      Put(Entry("patrol_plan", "ru-lead", "RU", reg::PatrolPlanBody("JP-other", FirstPatrol(), std::nullopt)), 422);
  EXPECT_NE(ErrorOf(refused).find("body.patrol"), std::string::npos) << refused.dump();
  json ru_only = FirstPatrol();
  ru_only["parties"] = {"RU"};
  ru_only["vehicles"] = {{{"id", "RU-BTR-1"}, {"party", "RU"}, {"kind", "BTR-82A"}}};
  refused =
      Put(Entry("patrol_plan", "tr-lead", "TR", reg::PatrolPlanBody("JP-2020-03-15", ru_only, std::nullopt)), 409);
  EXPECT_NE(ErrorOf(refused).find("TR is not among them"), std::string::npos) << refused.dump();
  // An observer's key plans nothing.
  Put(Entry("patrol_plan", "ru-obs-1", "RU", reg::PatrolPlanBody("JP-2020-03-15", FirstPatrol(), std::nullopt)), 403);
}

TEST_F(Patrols, TheFirstJointPatrolIsPlannedAgreedAndStoppedBySitIn) {
  const std::string id = "JP-2020-03-15";
  const std::string plan_entry =
      Entry("patrol_plan", "ru-lead", "RU", reg::PatrolPlanBody(id, FirstPatrol(), std::nullopt));
  const uint64_t plan = IndexOf(Put(plan_entry, 201));
  // The same plan sent again is a duplicate: nothing appended.
  EXPECT_EQ(Put(plan_entry, 200)["duplicates"], 1);

  // The patrol's obstruction, as its leader reports it: a report with the
  // patrol as its source, which the outcome then cites.
  json report = {{"id", "JP-2020-03-15-sit-in"},
                 {"source", {{"kind", "patrol"}, {"name", id}}},
                 {"category", "patrol_obstructed"},
                 {"observed", {{"start", "2020-03-15T11:05:00+03:00"}, {"end", "2020-03-15T11:50:00+03:00"}}},
                 {"location", {{"place", "al-Nayrab"}}},
                 {"text", "A sit-in on the M4 near al-Nayrab blocked the road; the patrol turned back."}};
  const uint64_t sit_in =
      IndexOf(Post("/v1/register/entries", Sign(report.dump(), "ru-obs-1", "RU") + "\n", 201, "application/x-ndjson"));

  reg::OutcomeFields obstructed{"obstructed", 12.4, "a sit-in on the road near al-Nayrab", {sit_in}};
  const std::string early =
      Entry("patrol_outcome", "ru-lead", "RU", reg::PatrolOutcomeBody(id, plan, obstructed, std::nullopt), 1);
  json refused = Put(early, 409);
  EXPECT_NE(ErrorOf(refused).find("not agreed yet (waiting for TR)"), std::string::npos) << refused.dump();

  Put(Entry("patrol_agree", "tr-lead", "TR", reg::PatrolAgreeBody(id, plan), 2), 201);
  refused = Put(Entry("patrol_agree", "tr-lead", "TR", reg::PatrolAgreeBody(id, plan), 3), 409);
  EXPECT_NE(ErrorOf(refused).find("TR agreed to entry " + std::to_string(plan) + " already"), std::string::npos)
      << refused.dump();

  // An outcome must cite the report of what happened, and a report entry.
  reg::OutcomeFields cites_plan = obstructed;
  cites_plan.report_entries = {plan};
  refused =
      Put(Entry("patrol_outcome", "ru-lead", "RU", reg::PatrolOutcomeBody(id, plan, cites_plan, std::nullopt), 4), 422);
  EXPECT_NE(ErrorOf(refused).find("is a patrol_plan entry, not a report"), std::string::npos) << refused.dump();

  const uint64_t outcome = IndexOf(Put(early, 201));
  // The plan is closed: no revision after the outcome.
  refused = Put(Entry("patrol_plan", "tr-lead", "TR", reg::PatrolPlanBody(id, FirstPatrol(), plan), 5), 409);
  EXPECT_NE(ErrorOf(refused).find("has ended"), std::string::npos) << refused.dump();
  // A correction names the outcome it corrects.
  reg::OutcomeFields fixed = obstructed;
  fixed.reached_km = 11.9;
  Put(Entry("patrol_outcome", "tr-lead", "TR", reg::PatrolOutcomeBody(id, plan, fixed, std::nullopt), 6), 409);
  Put(Entry("patrol_outcome", "tr-lead", "TR", reg::PatrolOutcomeBody(id, plan, fixed, outcome), 6), 201);

  // The sit-in is a report like any other: fusion makes it an incident.
  SyncFindings();
  json incidents = Get("/v1/incidents?category=patrol_obstructed&limit=10");
  ASSERT_EQ(incidents["total"], 1) << incidents.dump();

  // The day's report: the patrol with its corrected outcome, and the sit-in
  // among the restrictions of the center's freedom of movement.
  json daily = Get("/v1/daily/2020-03-15?format=json");
  ASSERT_EQ(daily["patrols"]["patrols"].size(), 1u) << daily["patrols"].dump();
  EXPECT_EQ(daily["patrols"]["patrols"][0]["patrol"], id);
  EXPECT_EQ(daily["patrols"]["patrols"][0]["outcome"], "obstructed");
  EXPECT_EQ(daily["patrols"]["patrols"][0]["reached_km"], 11.9);
  EXPECT_NE(daily["patrols"]["summary"].get<std::string>().find("1 joint patrol was planned; 1 ended"),
            std::string::npos)
      << daily["patrols"].dump();
  ASSERT_EQ(daily["movement"].size(), 1u) << daily["movement"].dump();
  EXPECT_EQ(daily["movement"][0]["where"], "in al-Nayrab");
}

// A second patrol, a week later, tracked as it drives: its vehicles'
// fixes placed on the route, progress and the alert when one leaves it,
// each party reporting only its own vehicles, and the coverage of the road.
TEST_F(Patrols, AnAgreedPatrolIsTrackedFromItsVehiclesFixes) {
  const std::string id = "JP-2020-03-23";
  json plan = FirstPatrol();
  plan["patrol"] = id;
  plan["window"] = {{"start", "2020-03-23T10:00:00+03:00"}, {"end", "2020-03-23T16:00:00+03:00"}};
  const uint64_t entry =
      IndexOf(Put(Entry("patrol_plan", "tr-lead", "TR", reg::PatrolPlanBody(id, plan, std::nullopt), 20), 201));
  SyncFindings();
  json listed = Get("/v1/patrols?from=2020-03-23T00:00:00Z&to=2020-03-24T00:00:00Z");
  ASSERT_EQ(listed["patrols"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["patrols"][0]["state"], "planned");
  EXPECT_EQ(listed["patrols"][0]["waiting_for"], json({"RU"}));
  auto fixes = [](std::vector<std::tuple<std::string, std::string, double, double>> list) {
    json out = json::array();
    for (auto& [vehicle, t, lat, lon] : list)
      out.push_back({{"vehicle", vehicle}, {"t", t}, {"lat", lat}, {"lon", lon}});
    return json{{"fixes", out}}.dump();
  };
  // Not tracked before every party agrees.
  json route = Get("/v1/patrols/" + id)["route"]["coordinates"];
  ASSERT_GT(route.size(), 3u);
  const double lon0 = route[0][0], lat0 = route[0][1];
  {
    auto res = Client().PostSigned("/v1/patrols/" + id + "/fixes",
                                   fixes({{"TR-ACV-1", "2020-03-23T10:00:00+03:00", lat0, lon0}}), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 409) << res->body;
    EXPECT_NE(res->body.find("waiting for RU"), std::string::npos) << res->body;
  }
  Put(Entry("patrol_agree", "ru-lead", "RU", reg::PatrolAgreeBody(id, entry), 21), 201);
  SyncFindings();
  EXPECT_EQ(Get("/v1/patrols/" + id)["state"], "agreed");

  // TR's crew reports its vehicle along the first vertices of the route;
  // RU's vehicle is RU's to report.
  std::vector<std::tuple<std::string, std::string, double, double>> along;
  for (int i = 0; i < 4; ++i) {
    char t[40];
    std::snprintf(t, sizeof t, "2020-03-23T10:%02d:00+03:00", i * 2);
    along.emplace_back("TR-ACV-1", t, route[size_t(i)][1].get<double>(), route[size_t(i)][0].get<double>());
  }
  auto res = Client().PostSigned("/v1/patrols/" + id + "/fixes", fixes(along), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json took = json::parse(res->body);
  EXPECT_EQ(took["taken"], 4) << took.dump();
  res = Client().PostSigned("/v1/patrols/" + id + "/fixes",
                            fixes({{"RU-BTR-1", "2020-03-23T10:08:00+03:00", lat0, lon0}}), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  // A fix 3 km north of the road: off the route by more than the pack's 500 m.
  res = Client().PostSigned(
      "/v1/patrols/" + id + "/fixes",
      fixes({{"TR-ACV-1", "2020-03-23T10:10:00+03:00", route[3][1].get<double>() + 0.027, route[3][0].get<double>()}}),
      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json alerts = json::parse(res->body)["alerts"];
  ASSERT_EQ(alerts.size(), 1u) << res->body;
  EXPECT_EQ(alerts[0]["kind"], "off_route");
  // A fix out of order is refused with its reason, and changes nothing.
  res = Client().PostSigned("/v1/patrols/" + id + "/fixes",
                            fixes({{"TR-ACV-1", "2020-03-23T10:01:00+03:00", lat0, lon0}}), "application/json");
  ASSERT_TRUE(res);
  json refused = json::parse(res->body)["refused"];
  ASSERT_EQ(refused.size(), 1u) << res->body;

  SyncFindings();
  json p = Get("/v1/patrols/" + id + "?zoom=10");
  EXPECT_EQ(p["state"], "under_way");
  EXPECT_EQ(p["progress"]["fixes"], 5);
  EXPECT_TRUE(p["progress"]["off_route"].get<bool>());
  EXPECT_GT(p["progress"]["furthest_km"].get<double>(), 0.1);
  ASSERT_EQ(p["track"]["features"].size(), 1u);
  EXPECT_EQ(p["track"]["features"][0]["properties"]["fixes"], 5);
  // Its alerts: the deviation, and (the center's clock being years past
  // these fixes) that it has since gone silent.
  std::set<std::string> kinds;
  for (const json& a : p["alerts"]) kinds.insert(a["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"off_route", "silent"})) << p["alerts"].dump();

  // Coverage of the week: the first patrol's 12.4 km and this one's start.
  json cov = Get("/v1/patrols/coverage?from=2020-03-15T00:00:00Z&to=2020-03-31T00:00:00Z");
  EXPECT_EQ(cov["road_zone"], "m4-patrol-route");
  EXPECT_GT(cov["road_km"].get<double>(), 50);
  EXPECT_GT(cov["planned_km"].get<double>(), cov["driven_km"].get<double>());
  EXPECT_FALSE(cov["never_reached"].empty());
  EXPECT_FALSE(cov["layer"]["features"].empty());
  Get("/v1/patrols/coverage?from=yesterday", 400);
  Get("/v1/patrols/JP-none", 404);
}

// Flight notices in the register, and flight tracks held against them: a
// Turkish UAV over the patrol's road under its notice, the same aircraft
// off its notified road, and a flight no one notified, each an alert with
// the report to file for the airspace clause.
TEST_F(Patrols, FlightsAreHeldAgainstTheNoticesInTheRegister) {
  std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/airspace/FN-2020-03-15-TR-1.json");
  const json notice = json::parse(in);
  // A notice with an empty window is refused, naming the field.
  json empty = notice;
  empty["notice"] = "FN-empty";
  empty["window"]["end"] = empty["window"]["start"];
  json refused = Put(Entry("flight_notice", "tr-lead", "TR", empty, 30), 422);
  EXPECT_NE(ErrorOf(refused).find("body.window: is empty: the end is not after the start"), std::string::npos)
      << refused.dump();
  // An observer's key files no notice: a notice commits the party.
  Put(Entry("flight_notice", "tr-obs-1", "TR", notice, 31), 403);
  const uint64_t filed = IndexOf(Put(Entry("flight_notice", "tr-lead", "TR", notice, 32), 201));
  // A notice's name is used once.
  json again = notice;
  again["purpose"] = "changed";
  refused = Put(Entry("flight_notice", "tr-lead", "TR", again, 33), 409);
  EXPECT_NE(ErrorOf(refused).find("was filed already (entry " + std::to_string(filed) + ")"), std::string::npos)
      << refused.dump();
  SyncFindings();
  json listed = Get("/v1/airspace/notices?from=2020-03-15T00:00:00%2B03:00&to=2020-03-16T00:00:00%2B03:00");
  ASSERT_EQ(listed["notices"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["notices"][0]["party"], "TR");
  EXPECT_EQ(listed["notices"][0]["entry"], filed);
  EXPECT_EQ(listed["notices"][0]["geometry"]["type"], "LineString");
  EXPECT_TRUE(Get("/v1/airspace/notices?to=2020-03-14T00:00:00%2B03:00")["notices"].empty());

  const json tracks = {
      {"tracks",
       {{{"track", "T-under-notice"},
         {"party", "TR"},
         {"fixes",
          {{{"t", "2020-03-15T10:00:00+03:00"}, {"lat", 35.862}, {"lon", 36.778}, {"alt_m", 2000}},
           {{"t", "2020-03-15T10:05:00+03:00"}, {"lat", 35.8697}, {"lon", 36.7203}, {"alt_m", 2100}}}}},
        {{"track", "T-off-road"},
         {"party", "TR"},
         {"aircraft", "UAV"},
         {"fixes",
          {{{"t", "2020-03-15T11:00:00+03:00"}, {"lat", 35.8136}, {"lon", 36.6097}, {"alt_m", 2000}},
           {{"t", "2020-03-15T11:20:00+03:00"}, {"lat", 35.6139}, {"lon", 36.5611}, {"alt_m", 2000}}}}},
        {{"track", "T-unnotified"},
         {"fixes", {{{"t", "2020-03-16T09:00:00+03:00"}, {"lat", 35.9297}, {"lon", 36.6317}, {"alt_m", 800}}}}}}}};
  auto res = Client().PostSigned("/v1/airspace/tracks", tracks.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json got = json::parse(res->body)["tracks"];
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[0]["matched"].get<bool>()) << got[0].dump();
  EXPECT_EQ(got[0]["notices"], json({"FN-2020-03-15-TR-1"}));
  EXPECT_FALSE(got[1]["matched"].get<bool>());
  EXPECT_EQ(got[1]["uncovered"], 1);
  EXPECT_NE(got[1]["reason"].get<std::string>().find("outside the area of notice FN-2020-03-15-TR-1"),
            std::string::npos);
  // The report to file: a flight, blamed on the aircraft's party, for the airspace clause.
  EXPECT_EQ(got[1]["report"]["category"], "flight");
  EXPECT_EQ(got[1]["report"]["blames"], "TR");
  EXPECT_EQ(got[1]["report"]["observed"]["start"], "2020-03-15T11:20:00+03:00");
  EXPECT_FALSE(got[2]["matched"].get<bool>());
  EXPECT_EQ(got[2]["reason"], "no notice is in force at 09:00+03:00");
  EXPECT_FALSE(got[2]["report"].contains("blames"));
  SyncFindings();
  json flights = Get("/v1/airspace/notices?flights=unmatched")["flights"];
  ASSERT_EQ(flights.size(), 2u) << flights.dump();
  EXPECT_EQ(flights[0]["track"], "T-unnotified");  // newest first

  // A feed out of order is refused whole, naming the fix; a key without
  // the observer role sends none.
  json bad = tracks;
  bad["tracks"][0]["fixes"][1]["t"] = "2020-03-15T09:59:00+03:00";
  res = Client().PostSigned("/v1/airspace/tracks", bad.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_NE(res->body.find("tracks[0].fixes[1].t: is not after the fix before it"), std::string::npos) << res->body;
  res = SignedClient(port_, "tr-lead").PostSigned("/v1/airspace/tracks", tracks.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
}

// The same by the command line, as the demo runs it: the 15 March 2020
// plan and the sit-in report from the pack, RU's vehicle's GPX track, and
// the outcome; each step on a fresh server.
class PatrolCli : public Serve {
 protected:
  static void SetUpTestSuite() {
    manual_clock_ = true;  // for SyncFindings
    Serve::SetUpTestSuite();
  }
  static std::string Run(const std::string& args) {
    const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    std::string cmd = args;
    for (const char* var : {"$M", "$K"}) {
      for (size_t at; (at = cmd.find(var)) != std::string::npos;) {
        cmd.replace(at, 2, var[1] == 'M' ? m : m + "/keys/demo");
      }
    }
    Outcome o = Truce(cmd + " --server http://127.0.0.1:" + std::to_string(port_));
    EXPECT_EQ(o.code, 0) << cmd << "\n" << o.out;
    return o.out;
  }
  // Stops the server (the end of its stdin) and starts it again on the
  // same database.
  static void Restart() {
    std::fclose(clock_.to);
    clock_.to = nullptr;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "truce serve did not stop cleanly";
    clock_.Close();
    const std::string mission = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    Spawn(
        {"serve", "--mission", mission, "--db", (dir_ / "center.db").string(), "--port", "0", "--manual-clock", "now"},
        &pid_, &port_, &clock_);
    ASSERT_GT(port_, 0);
    Advance(0);
  }
};

TEST_F(PatrolCli, TheFirstJointPatrolByTheCommandLine) {
  EXPECT_NE(Run("patrol plan --key $K/ru-lead.key $M/patrols/JP-2020-03-15.json").find("RU planned JP-2020-03-15"),
            std::string::npos);
  std::string listed = Run("patrol list --key $K/tr-lead.key");
  EXPECT_NE(listed.find("planned"), std::string::npos) << listed;
  EXPECT_NE(listed.find(" TR "), std::string::npos) << "waiting for TR: " << listed;
  Run("patrol agree --key $K/tr-lead.key JP-2020-03-15");
  std::string reported = Run("patrol report --key $K/ru-obs-1.key JP-2020-03-15 $M/patrols/JP-2020-03-15-sit-in.json");
  const size_t at = reported.find("register entry ");
  ASSERT_NE(at, std::string::npos) << reported;
  const std::string entry = reported.substr(at + 15, reported.find(')', at) - at - 15);
  std::string tracked = Run("patrol track --key $K/ru-obs-1.key JP-2020-03-15 $M/patrols/JP-2020-03-15-RU-BTR-1.gpx");
  EXPECT_NE(tracked.find("alert halt"), std::string::npos) << tracked;
  EXPECT_NE(tracked.find("alert turned_back"), std::string::npos) << tracked;
  EXPECT_NE(tracked.find("399 fixes taken, 0 refused"), std::string::npos) << tracked;
  // Another party's crew cannot send RU's vehicle's track.
  Outcome foreign = Truce(
      "patrol track --key " + std::string(TRUCE_SOURCE_DIR) +
      "/missions/idlib-2020/keys/demo/tr-obs-1.key JP-2020-03-15 " + TRUCE_SOURCE_DIR +
      "/missions/idlib-2020/patrols/JP-2020-03-15-RU-BTR-1.gpx --server http://127.0.0.1:" + std::to_string(port_));
  EXPECT_NE(foreign.code, 0);
  EXPECT_NE(foreign.out.find("TR reports only its own vehicles"), std::string::npos) << foreign.out;

  Run("patrol outcome --key $K/ru-lead.key JP-2020-03-15 --outcome obstructed --reason 'A sit-in near al-Nayrab' "
      "--report-entry " +
      entry);
  SyncFindings();
  json p = Get("/v1/patrols/JP-2020-03-15");
  EXPECT_EQ(p["state"], "ended");
  EXPECT_EQ(p["outcome"]["outcome"], "obstructed");
  // Reached: as far as the track got, 5.6 km along to the sit-in.
  EXPECT_NEAR(p["outcome"]["reached_km"].get<double>(), 5.6, 0.2);
  std::string coverage = Run("patrol coverage --key $K/tr-lead.key --from 2020-03-01T00:00:00Z");
  EXPECT_NE(coverage.find("1 patrols"), std::string::npos) << coverage;
  EXPECT_NE(coverage.find("never reached: km 6.0"), std::string::npos) << coverage;

  // After a restart the patrol is as it was: its entries from the register,
  // its track and alerts from the fixes kept beside it.
  const json before = Get("/v1/patrols/JP-2020-03-15");
  Restart();
  SyncFindings();
  const json after = Get("/v1/patrols/JP-2020-03-15");
  EXPECT_EQ(after["state"], "ended");
  EXPECT_EQ(after["progress"], before["progress"]);
  EXPECT_EQ(after["track"]["features"][0]["properties"]["fixes"], 399);
  // The alerts the fixes raised (not "silent", which the clock raises).
  auto raised = [](const json& alerts) {
    std::vector<std::string> kinds;
    for (const json& a : alerts) {
      if (a["kind"] != "silent") kinds.push_back(a["kind"].get<std::string>() + "@" + a["at"].get<std::string>());
    }
    return kinds;
  };
  EXPECT_EQ(raised(after["alerts"]), raised(before["alerts"]));
  EXPECT_EQ(raised(after["alerts"]).size(), 2u) << after["alerts"].dump();
}

}  // namespace
}  // namespace truce::testing
