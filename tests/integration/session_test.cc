// Sign-in sessions, presence and compressed answers against a real
// `truce serve` on a manual clock (docs/API.md, "Sign-in sessions",
// "Presence", "Conventions"): what the dashboard in a browser relies on.
#include "serve_fixture.h"
#include "truce/register/base64.h"
#include "truce/server/sessions.h"

namespace truce::testing {
namespace {

class Browser : public Serve {
 protected:
  static void SetUpTestSuite() {
    manual_clock_ = true;
    Serve::SetUpTestSuite();
  }

  // A client that signs nothing: only a cookie, when given, shows who it is.
  static httplib::Client Plain() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }

  static std::string NewChallenge() {
    auto res = Plain().Post("/v1/session/challenge", "", "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    if (!res || res->status != 200) return "";
    return json::parse(res->body)["challenge"];
  }

  static std::string SignInBody(const std::string& key, const std::string& challenge, const std::string& signer = "") {
    auto k = Key(signer.empty() ? key : signer);
    return json{
        {"key", key}, {"challenge", challenge}, {"sig", reg::Base64(k.SignBytes(server::SignInMessage(challenge)))}}
        .dump();
  }

  static httplib::Result SignIn(const std::string& body) {
    return Plain().Post("/v1/session", body, "application/json");
  }

  // Signs `key` in: the Cookie header's value that shows its session.
  static std::string Cookie(const std::string& key) {
    auto res = SignIn(SignInBody(key, NewChallenge()));
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    if (!res) return "";
    const std::string set = res->get_header_value("Set-Cookie");
    return set.substr(0, set.find(';'));
  }

  static httplib::Result GetWith(const std::string& cookie, const std::string& target) {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return Plain().Get(target, h);
  }

  static void ExpectRefused(const httplib::Result& res, const std::string& needle) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << res->body;
    EXPECT_NE(res->body.find(needle), std::string::npos) << res->body;
  }
};

TEST_F(Browser, ASignedChallengeOpensASessionThatReadsUntilSignOut) {
  const std::string challenge = NewChallenge();
  EXPECT_EQ(reg::Unbase64(challenge, "challenge")->size(), 32u);
  auto res = SignIn(SignInBody("tr-lead", challenge));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json who = json::parse(res->body);
  EXPECT_EQ(who["key"], "tr-lead");
  EXPECT_EQ(who["party"], "TR");
  EXPECT_EQ(who["roles"], json({"lead"}));
  EXPECT_EQ(ParseRfc3339(who["expires"].get<std::string>())->utc_ms, now_ms_ + 8 * 3600'000);
  const std::string set = res->get_header_value("Set-Cookie");
  EXPECT_EQ(set.rfind("truce_session=", 0), 0u) << set;
  EXPECT_NE(set.find("; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP";
  const std::string cookie = set.substr(0, set.find(';'));

  // The cookie reads what a signed request reads; without it, nothing.
  auto read = GetWith("theme=dark; " + cookie + "; lang=tr", "/v1/incidents");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  ExpectRefused(GetWith("", "/v1/incidents"), "sign-in session");
  ExpectRefused(GetWith("truce_session=forged", "/v1/incidents"), "unknown or expired");

  auto mine = GetWith(cookie, "/v1/session");
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  EXPECT_EQ(json::parse(mine->body), who);

  httplib::Headers h = {{"Cookie", cookie}};
  auto out = Plain().Delete("/v1/session", h);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_EQ(out->get_header_value("Set-Cookie"), "truce_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  ExpectRefused(GetWith(cookie, "/v1/session"), "not signed in");
  ExpectRefused(GetWith(cookie, "/v1/incidents"), "unknown or expired");
}

TEST_F(Browser, AChallengeHasOneTryWithinTwoMinutesAndTheRightSignature) {
  const std::string challenge = NewChallenge();
  ExpectRefused(SignIn(SignInBody("tr-lead", challenge, "ru-lead")), "does not match the challenge");
  ExpectRefused(SignIn(SignInBody("tr-lead", challenge)), "unknown, used or expired: ask for a new one");

  const std::string used = NewChallenge();
  auto first = SignIn(SignInBody("tr-lead", used));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  ExpectRefused(SignIn(SignInBody("tr-lead", used)), "unknown, used or expired");

  const std::string late = NewChallenge();
  Advance(120'000);
  ExpectRefused(SignIn(SignInBody("tr-lead", late)), "unknown, used or expired");
  ExpectRefused(SignIn(SignInBody("tr-lead", "bm90IGdpdmVu")), "unknown, used or expired");
}

TEST_F(Browser, AWitnessKeyOrABadBodyDoesNotSignIn) {
  ExpectRefused(SignIn(SignInBody("tr-witness", NewChallenge())), "is not a live key of a center party's officer");
  for (const auto& [body, needle] : std::vector<std::pair<std::string, std::string>>{
           {"not json", "not a JSON object"},
           {R"({"key":"tr-lead","challenge":"x"})", R"(\"sig\" must be a string)"},
           {R"({"key":7,"challenge":"x","sig":"y"})", R"(\"key\" must be a string)"},
           {R"({"key":"tr-lead","challenge":[[["x"]]],"sig":"y"})", "nest"},
           {std::string(5000, ' '), "over 4096 bytes"}}) {
    auto res = SignIn(body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body.substr(0, 60) << ": " << res->body;
    EXPECT_NE(res->body.find(needle), std::string::npos) << res->body;
  }
}

TEST_F(Browser, ASessionEndsAfterEightHoursAndWithItsKey) {
  const std::string cookie = Cookie("ru-analyst");
  Advance(8 * 3600'000 - 1);
  auto res = GetWith(cookie, "/v1/session");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  Advance(1);
  ExpectRefused(GetWith(cookie, "/v1/session"), "not signed in");

  // A key revoked on the record reads no more through its session.
  auto fresh = reg::NoteSigner::Generate("tr-obs-web");
  json add = {{"action", "add"}, {"key", fresh.verifier().ToString()}, {"roles", {"observer"}}};
  auto entry = [](const reg::NoteSigner& key, const json& body) {
    return reg::MakeEntry("key", "TR", key.verifier().name, Instant{1583839200000, 180}, body, &key)->bytes;
  };
  Post("/v1/register/entries", entry(Key("tr-party"), add), 201, "application/x-ndjson");
  const std::string challenge = NewChallenge();
  auto in = SignIn(json{{"key", "tr-obs-web"},
                        {"challenge", challenge},
                        {"sig", reg::Base64(fresh.SignBytes(server::SignInMessage(challenge)))}}
                       .dump());
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 200) << in->body;
  const std::string web = in->get_header_value("Set-Cookie").substr(0, in->get_header_value("Set-Cookie").find(';'));
  EXPECT_EQ(GetWith(web, "/v1/incidents")->status, 200);
  Post("/v1/register/entries", entry(Key("tr-party"), {{"action", "revoke"}, {"name", "tr-obs-web"}}), 201,
       "application/x-ndjson");
  ExpectRefused(GetWith(web, "/v1/incidents"), "not a live key");
  ExpectRefused(GetWith(web, "/v1/session"), "not a live key");
}

TEST_F(Browser, PresenceShowsEachViewerLapsesAfterThirtySecondsAndStreamsItsChanges) {
  const std::string tr = Cookie("tr-lead"), ru = Cookie("ru-lead");
  auto beat = [](const std::string& cookie, const std::string& item) {
    httplib::Headers h = {{"Cookie", cookie}};
    return Plain().Post("/v1/presence", h, json{{"item", item}}.dump(), "application/json");
  };
  auto keys = [](const std::string& body) {
    std::vector<std::string> out;
    const json answer = json::parse(body);
    for (const auto& v : answer["viewers"]) out.push_back(v["key"]);
    return out;
  };
  std::string got;
  int step = 0;
  auto client = Plain();
  httplib::Headers h = {{"Cookie", tr}};
  client.Get("/v1/events?after=0", h, [&](const char* data, size_t n) {
    got.append(data, n);
    if (step++ == 0) {
      // The stream is open (the findings' backlog came): the changes from
      // now on are on it.
      auto one = beat(tr, "INC-7");
      EXPECT_EQ(keys(one->body), std::vector<std::string>{"tr-lead"});
      Advance(1000);
      auto two = beat(ru, "INC-7");
      EXPECT_EQ(keys(two->body), (std::vector<std::string>{"tr-lead", "ru-lead"}));
      auto seen = GetWith(tr, "/v1/presence?item=INC-7");
      EXPECT_EQ(keys(seen->body), (std::vector<std::string>{"tr-lead", "ru-lead"}));
      EXPECT_EQ(json::parse(seen->body)["viewers"][1]["party"], "RU");
      // tr-lead's last heartbeat was 30 s ago at 29 s from now, ru-lead's a second later.
      Advance(28'999);
      EXPECT_EQ(keys(GetWith(ru, "/v1/presence?item=INC-7")->body).size(), 2u);
      Advance(1);
      EXPECT_EQ(keys(GetWith(ru, "/v1/presence?item=INC-7")->body), std::vector<std::string>{"ru-lead"});
      Advance(1000);
      EXPECT_TRUE(keys(GetWith(ru, "/v1/presence?item=INC-7")->body).empty());
    }
    return got.find(R"("item":"INC-7","viewers":[])") == std::string::npos;
  });
  // Each change in turn: tr-lead came, ru-lead came, tr-lead lapsed, ru-lead lapsed.
  const std::string event = "event: presence\ndata: {\"item\":\"INC-7\",\"viewers\":[";
  const size_t joined = got.find(event + R"({"key":"tr-lead","party":"TR","since":)");
  const size_t both = got.find(R"({"key":"ru-lead","party":"RU","since":)", joined);
  const size_t one_left = got.find(event + R"({"key":"ru-lead","party":"RU","since":)", both);
  const size_t lapsed = got.find(event + "]}\n\n", one_left);
  EXPECT_NE(joined, std::string::npos) << got;
  EXPECT_NE(both, std::string::npos) << got;
  EXPECT_NE(one_left, std::string::npos) << got;
  EXPECT_NE(lapsed, std::string::npos) << got;

  // Leaving ends it at once; without a session or a signature, nothing.
  beat(tr, "INC-8");
  httplib::Headers mine = {{"Cookie", tr}};
  EXPECT_EQ(Plain().Delete("/v1/presence?item=INC-8", mine)->status, 204);
  EXPECT_TRUE(keys(GetWith(tr, "/v1/presence?item=INC-8")->body).empty());
  EXPECT_EQ(beat("", "INC-8")->status, 401);
  EXPECT_EQ(beat(tr, "bad item!")->status, 400);
  EXPECT_EQ(GetWith("", "/v1/presence?item=INC-8")->status, 401);
}

TEST_F(Browser, ABigJsonAnswerIsGzippedForAClientThatTakesIt) {
  const std::string cookie = Cookie("tr-obs-1");
  auto plain_client = Plain();
  plain_client.set_decompress(false);  // sends no Accept-Encoding, decodes nothing
  auto plain = plain_client.Get("/v1/zones", {{"Cookie", cookie}});
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 200);
  EXPECT_GE(plain->body.size(), 1024u);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");

  auto raw = plain_client.Get("/v1/zones", {{"Cookie", cookie}, {"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(raw->body.size(), plain->body.size());
  EXPECT_EQ(raw->body.substr(0, 2), "\x1f\x8b");

  auto decoded = Plain().Get("/v1/zones", {{"Cookie", cookie}, {"Accept-Encoding", "gzip"}});  // decoded by the client
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(decoded->body, plain->body);
}

}  // namespace
}  // namespace truce::testing
