// Status and Result<T>: the one error type for expected failures.
//
// The rule (docs/CONTRIBUTING.md): a function that can fail because of its
// input or its environment returns Status or Result<T>; exceptions and asserts
// are for bugs only. Messages are for the person who must fix the input:
// what is wrong, where (file:line, field), and what would be right.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace truce {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong; fixing the input fixes it
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a unique thing is already there
  kFailedPrecondition,  // the system is not in a state for this (wrong mission, no database)
  kIoError,             // the file system or the database failed
  kUnavailable,         // try again later
  kPermissionDenied,    // the signer may not do this: unknown key, wrong party or role, bad signature
  kInternal,            // a bug: please report
};

// A stable lowercase name for the code, used in the HTTP error body.
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Exists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
  static Status Precondition(std::string m) { return {Code::kFailedPrecondition, std::move(m)}; }
  static Status Io(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status Denied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with where the failure happened ("zones.geojson: ").
  Status WithContext(const std::string& where) const {
    if (ok()) return *this;
    return Status(code_, where + ": " + message_);
  }

  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace truce

#define TRUCE_CONCAT_INNER(a, b) a##b
#define TRUCE_CONCAT(a, b) TRUCE_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when it is not OK.
#define TRUCE_RETURN_IF_ERROR(expr) \
  do {                              \
    ::truce::Status _st = (expr);   \
    if (!_st.ok()) return _st;      \
  } while (0)

// Declares `lhs` from a Result, or returns its status.
#define TRUCE_ASSIGN_OR_RETURN(lhs, expr) TRUCE_ASSIGN_OR_RETURN_IMPL(TRUCE_CONCAT(_result_, __LINE__), lhs, expr)
#define TRUCE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
