#include "truce/intake/csv.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace truce::intake {
namespace {

enum Column {
  kId,
  kSourceKind,
  kSourceParty,
  kSourceName,
  kCategory,
  kStart,
  kEnd,
  kLat,
  kLon,
  kUncertainty,
  kPlace,
  kWeaponClass,
  kCount,
  kBearing,
  kBearingError,
  kKilled,
  kInjured,
  kBlames,
  kText,
  kEvidence,
};

bool ToNumber(const std::string& s, double* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  while (b < e && *b == ' ') ++b;
  while (e > b && e[-1] == ' ') --e;
  if (b == e) return false;
  auto [p, ec] = std::from_chars(b, e, *out);
  return ec == std::errc() && p == e;
}

}  // namespace

bool CsvCursor::Next(std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  error->clear();
  // Skip blank lines between records.
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= data_.size()) return false;
  record_line_ = line_;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos_ < data_.size()) {
    char c = data_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < data_.size() && data_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
      ++line_;
      fields->push_back(std::move(field));
      return true;
    } else if (c == '"') {
      if (!field.empty() || was_quoted) {
        // Kept as a character, so the record still ends at this line.
        if (error->empty()) *error = "a quote inside an unquoted field; quote the whole field and double the quote";
        field += c;
      } else {
        quoted = was_quoted = true;
      }
    } else {
      if (was_quoted && error->empty()) *error = "text after a closing quote; quote the whole field";
      field += c;
    }
  }
  if (quoted && error->empty()) {
    *error = "a quoted field is not closed before the end of the input";
  }
  fields->push_back(std::move(field));
  return true;
}

const std::vector<std::string>& CsvColumns::Known() {
  static const std::vector<std::string> kKnown{
      "id",     "source_kind",  "source_party", "source_name", "category",
      "start",  "end",          "lat",          "lon",         "uncertainty_m",
      "place",  "weapon_class", "count",        "bearing_deg", "bearing_error_deg",
      "killed", "injured",      "blames",       "text",        "evidence"};
  return kKnown;
}

Status CsvColumns::Init(const std::vector<std::string>& header) {
  const auto& known = Known();
  columns_.clear();
  std::vector<bool> seen(known.size());
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = header[i];
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);  // a BOM from spreadsheets
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      std::string all;
      for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
      return Status::Invalid("line 1: header column " + std::to_string(i + 1) + " '" + name +
                             "' is not a report column; the columns are " + all);
    }
    size_t k = size_t(it - known.begin());
    if (seen[k]) return Status::Invalid("line 1: header column '" + name + "' appears twice");
    seen[k] = true;
    columns_.push_back(int(k));
  }
  for (int required : {kSourceKind, kCategory, kStart}) {
    if (!seen[required]) {
      return Status::Invalid("line 1: the header has no '" + known[required] + "' column");
    }
  }
  bool coordinates = seen[kLat] && seen[kLon] && seen[kUncertainty];
  if (!coordinates && !seen[kPlace]) {
    return Status::Invalid("line 1: the header needs lat, lon and uncertainty_m columns, or a place column");
  }
  return Status::Ok();
}

void CsvColumns::Read(const std::vector<std::string>& row, ReportFields* f) const {
  if (row.size() != columns_.size()) {
    return f->Fail("",
                   "has " + std::to_string(row.size()) + " fields, the header has " + std::to_string(columns_.size()));
  }
  const auto& known = Known();
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string& v = row[i];
    if (v.empty()) continue;
    int column = columns_[i];
    double d = 0;
    switch (column) {
      case kLat:
      case kLon:
      case kUncertainty:
      case kCount:
      case kBearing:
      case kBearingError:
      case kKilled:
      case kInjured:
        if (!ToNumber(v, &d)) {
          f->Fail(known[column], "'" + v.substr(0, 40) + "' is not a number");
          continue;
        }
        break;
      default:
        break;
    }
    switch (column) {
      case kId:
        f->SourceReportId(v);
        break;
      case kSourceKind:
        f->SourceKind(v);
        break;
      case kSourceParty:
        f->SourceParty(v);
        break;
      case kSourceName:
        f->SourceName(v);
        break;
      case kCategory:
        f->Category(v);
        break;
      case kStart:
        f->ObservedStart(v);
        break;
      case kEnd:
        f->ObservedEnd(v);
        break;
      case kLat:
        f->Latitude(d);
        break;
      case kLon:
        f->Longitude(d);
        break;
      case kUncertainty:
        f->UncertaintyM(d);
        break;
      case kPlace:
        break;  // after the coordinates, below
      case kWeaponClass:
        f->WeaponClass(v);
        break;
      case kCount:
        f->Count(d);
        break;
      case kBearing:
        f->BearingAzimuth(d);
        break;
      case kBearingError:
        f->BearingError(d);
        break;
      case kKilled:
        f->Killed(d);
        break;
      case kInjured:
        f->Injured(d);
        break;
      case kBlames:
        f->Blames(v);
        break;
      case kText:
        f->Text(v);
        break;
      case kEvidence: {
        size_t start = 0;
        while (start <= v.size()) {
          size_t end = v.find(';', start);
          if (end == std::string::npos) end = v.size();
          std::string digest = v.substr(start, end - start);
          if (!digest.empty()) f->Evidence(digest);
          start = end + 1;
        }
        break;
      }
    }
  }
  for (size_t i = 0; i < row.size(); ++i) {
    if (columns_[i] == kPlace && !row[i].empty()) f->Place(row[i]);
  }
}

}  // namespace truce::intake
