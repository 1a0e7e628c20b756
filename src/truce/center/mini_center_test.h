// A gtest fixture: a center with the mini mission on a SQLite file of its
// own, named for the test, removed afterwards. Only tests include this.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "truce/center/test_center.h"

namespace truce::testing {

class MiniCenterTest : public ::testing::Test {
 protected:
  // `prefix` names the file: truce-PREFIX-PID-TEST.db in the temporary folder.
  explicit MiniCenterTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("truce-" + prefix_ + "-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto c = OpenMiniCenter(path_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    center_ = std::move(c).value();
  }
  void TearDown() override {
    center_.reset();
    for (const char* ext : {"", "-wal", "-shm", "-leaves"}) std::filesystem::remove(path_.string() + ext);
  }

  std::string prefix_;
  std::filesystem::path path_;
  std::unique_ptr<Center> center_;
  reg::NoteSigner tr_obs_ = reg::NoteSigner::Parse(MiniSignerKey("tr-obs")).value();
};

}  // namespace truce::testing
