// The dashboard's files served by a real `truce serve --web DIR`, and the
// check of a file of reports that the dashboard's upload makes.
#include <fstream>

#include "serve_fixture.h"

namespace truce::testing {
namespace {

class Dashboard : public Serve {
 protected:
  static void SetUpTestSuite() {
    web_ = std::filesystem::temp_directory_path() / ("truce-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(web_ / "assets");
    Write(web_ / "index.html",
          "<!doctype html><title>truce</title><script type=module src=/assets/app-1a2b.js></script>");
    Write(web_ / "assets/app-1a2b.js", kScript);
    Write(web_ / "assets/app-1a2b.js.gz", "pretend-gzip");
    extra_args_ = {"--web", web_.string()};
    Serve::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    Serve::TearDownTestSuite();
    std::filesystem::remove_all(web_);
  }
  static void Write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

  static constexpr const char* kScript = "console.log('the dashboard');";
  static inline std::filesystem::path web_;
};

TEST_F(Dashboard, ServesItsPagesWithAPolicyAgainstInlineScript) {
  httplib::Client http("127.0.0.1", port_);
  for (const char* page : {"/", "/review", "/intake", "/register", "/incidents/I-7"}) {
    auto res = http.Get(page);
    ASSERT_TRUE(res) << page;
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(res->body.find("<title>truce</title>"), std::string::npos);
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
  }
}

TEST_F(Dashboard, SendsPrecompressedAssetsAndRevalidatesWithETags) {
  httplib::Client http("127.0.0.1", port_);
  http.set_decompress(false);
  auto gz = http.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->body, "pretend-gzip");
  EXPECT_NE(gz->get_header_value("Cache-Control").find("immutable"), std::string::npos);
  auto plain = http.Get("/assets/app-1a2b.js");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(plain->body, kScript);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  const std::string etag = plain->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = http.Get("/assets/app-1a2b.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto missing = http.Get("/assets/nothing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(http.Get("/assets/app-1a2b.js.gz")->status, 404) << "the .gz copies are not files of their own";
}

TEST_F(Dashboard, ChecksAFileOfReportsLineByLineAndStoresNothing) {
  const int64_t before = Count();
  const std::string target = "/v1/reports/check?format=csv";
  const std::string csv =
      "id,source_kind,source_name,category,start,place\n"
      "F-1,observer,OP-7,shelling,2020-03-18T08:00:00+03:00,Ariha\n"
      "F-2,observer,OP-7,shelling,2020-03-18T08:00:00,Ariha\n"
      "F-3,observer,OP-7,shelling,2020-03-18T08:00:00+03:00,Atlantis\n";
  httplib::Client http("127.0.0.1", port_);
  auto anonymous = http.Post(target, csv, "text/csv");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  auto res = http.Post(target, {{"Authorization", Authorization("POST", target, "tr-obs-1")}}, csv, "text/csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json a = json::parse(res->body);
  EXPECT_EQ(a["format"], "csv");
  ASSERT_EQ(a["reports"].size(), 1u);
  EXPECT_EQ(a["reports"][0]["line"], 2);
  EXPECT_EQ(a["reports"][0]["report"]["id"], "F-1");
  EXPECT_NE(a["reports"][0]["zones"].dump().find("idlib-deescalation-area"), std::string::npos);
  ASSERT_EQ(a["errors"].size(), 2u);
  EXPECT_EQ(a["errors"][0]["line"], 3);
  EXPECT_NE(a["errors"][0]["message"].get<std::string>().find("time zone"), std::string::npos) << a.dump();
  EXPECT_EQ(a["errors"][1]["line"], 4);
  EXPECT_NE(a["errors"][1]["message"].get<std::string>().find("Atlantis"), std::string::npos) << a.dump();
  EXPECT_EQ(Count(), before);

  const std::string bad = "/v1/reports/check?format=xml";
  auto refused = http.Post(bad, {{"Authorization", Authorization("POST", bad, "tr-obs-1")}}, csv, "text/csv");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("format must be"), std::string::npos);
}

}  // namespace
}  // namespace truce::testing
