// Enumerations and their wire names: one table per enumeration, read both
// ways. The names are the snake_case words of docs/USER-GUIDE.md and the packs.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace truce {

template <typename T, size_t N>
using NameTable = std::array<std::pair<T, std::string_view>, N>;

// The name of `value`, or `fallback` for a value the table lacks.
template <typename T, size_t N>
std::string_view NameOf(const NameTable<T, N>& table, T value, std::string_view fallback) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return fallback;
}

template <typename T, size_t N>
std::optional<T> ValueOf(const NameTable<T, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// "a, b, c": every name, for messages.
template <typename T, size_t N>
std::string NameList(const NameTable<T, N>& table) {
  std::string out;
  for (const auto& [v, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace truce
