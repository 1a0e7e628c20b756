// The simulator's one source of chance: a seeded generator, so that a seed
// gives the same scenario on every machine (the standard distributions of
// libstdc++ draw the same numbers for the same engine state everywhere
// truce is built: Debian's one compiler).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace truce::sim {

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  double Uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(g_); }
  int Int(int a, int b) { return std::uniform_int_distribution<int>(a, b)(g_); }
  double Normal(double sd) { return std::normal_distribution<double>(0, sd)(g_); }
  bool Chance(double p) { return Uniform(0, 1) < p; }
  int Poisson(double mean) { return std::poisson_distribution<int>(mean)(g_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[size_t(Int(0, int(v.size()) - 1))];
  }
  size_t Weighted(const std::vector<double>& w) { return std::discrete_distribution<size_t>(w.begin(), w.end())(g_); }

 private:
  std::mt19937_64 g_;
};

// Each part of a scenario (events, flights, patrols) draws from its own
// stream of the same seed, so that adding one part leaves the others as
// they were.
inline constexpr uint64_t kFlightStream = 0xf1a9'7e57'a1f5'5eedULL;
inline constexpr uint64_t kPatrolStream = 0x9a7e'01d5'cafe'f00dULL;

}  // namespace truce::sim
