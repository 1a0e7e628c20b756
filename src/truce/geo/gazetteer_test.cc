#include "truce/geo/gazetteer.h"

#include <gtest/gtest.h>

namespace truce::geo {
namespace {

TEST(Gazetteer, MatchesFoldedNamesAndAlternatives) {
  Gazetteer g;
  ASSERT_TRUE(g.Add({"Jisr al-Shughur", {"Jisr ash-Shughur", "جسر الشغور"}, "city", "Idlib", {35.81, 36.32}}));
  EXPECT_NE(g.Find("jisr al shughur"), nullptr);
  EXPECT_NE(g.Find("JISR ALSHUGHUR"), nullptr);
  EXPECT_NE(g.Find("Jisr ash-Shughur"), nullptr);
  EXPECT_NE(g.Find("جسر الشغور"), nullptr);
  EXPECT_EQ(g.Find("Jisr"), nullptr);
  EXPECT_EQ(g.Suggest("Jisr").front(), "Jisr al-Shughur");
}

TEST(Gazetteer, RefusesANameTakenByAnotherPlace) {
  Gazetteer g;
  ASSERT_TRUE(g.Add({"Ariha", {}, "town", "", {35.81, 36.61}}));
  std::string clash;
  EXPECT_FALSE(g.Add({"Other", {"ariha"}, "town", "", {1, 1}}, &clash));
  EXPECT_EQ(clash, "Ariha");
  EXPECT_EQ(g.places().size(), 1u);
}

}  // namespace
}  // namespace truce::geo
