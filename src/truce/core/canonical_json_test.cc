#include "truce/core/canonical_json.h"

#include <gtest/gtest.h>

#include "truce/core/json_nesting.h"

namespace truce {
namespace {

// RFC 8785 §3.2.2–3.2.3: the sample object and its canonical form.
TEST(CanonicalJson, Rfc8785Sample) {
  auto input = nlohmann::json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  auto c = CanonicalJson(input);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c,
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// §3.2.3: names sort by UTF-16 code units, so U+1D11E (a surrogate pair,
// 0xD834 0xDD1E) comes before U+E000, unlike in UTF-8 byte order.
TEST(CanonicalJson, SortsByUtf16CodeUnits) {
  auto c = CanonicalJson(nlohmann::json::parse(R"({"\uE000":1,"\uD834\uDD1E":2,"b":{"z":0,"a":1},"a":[3,1]})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "{\"a\":[3,1],\"b\":{\"a\":1,\"z\":0},\"\xF0\x9D\x84\x9E\":2,\"\xEE\x80\x80\":1}");
}

// ECMAScript's Number.prototype.toString, which §3.2.2.3 adopts.
TEST(CanonicalJson, NumbersAsEcmaScriptWritesThem) {
  EXPECT_EQ(EcmaScriptNumber(0.0), "0");
  EXPECT_EQ(EcmaScriptNumber(-0.0), "0");
  EXPECT_EQ(EcmaScriptNumber(1e21), "1e+21");
  EXPECT_EQ(EcmaScriptNumber(1e20), "100000000000000000000");
  EXPECT_EQ(EcmaScriptNumber(1e-6), "0.000001");
  EXPECT_EQ(EcmaScriptNumber(1e-7), "1e-7");
  EXPECT_EQ(EcmaScriptNumber(123e-20), "1.23e-18");
  EXPECT_EQ(EcmaScriptNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(EcmaScriptNumber(-35.84), "-35.84");
  EXPECT_EQ(EcmaScriptNumber(9007199254740991), "9007199254740991");
  EXPECT_EQ(*CanonicalJson(nlohmann::json(42)), "42");
  EXPECT_FALSE(CanonicalJson(nlohmann::json(std::nan(""))).ok());
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

// The tester's crash: an entry whose body nested arrays 50,000 deep took
// the server down in the canonical writer's recursion.
TEST(JsonNesting, RefusesDeepTextBeforeParsing) {
  std::string deep = std::string(50000, '[') + std::string(50000, ']');
  Status st = CheckJsonNesting(deep, "the entry");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "the entry nests arrays and objects more than 64 deep (at byte 64)");
  EXPECT_TRUE(CheckJsonNesting(std::string(64, '[') + std::string(64, ']'), "x").ok());
  // Brackets in strings, escaped quotes included, are text.
  EXPECT_TRUE(CheckJsonNesting("{\"a\":\"" + std::string(100, '[') + "\\\"" + std::string(100, '{') + "\"}", "x").ok());
}

TEST(JsonNesting, TheCanonicalWriterHasADepthLimit) {
  nlohmann::json v = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) v = nlohmann::json::array({v});
  auto c = CanonicalJson(v);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("more than 64 deep"), std::string::npos);
}

}  // namespace
}  // namespace truce
