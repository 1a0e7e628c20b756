// truce export over a simulated day, read back by the tools researchers
// use: pandas (Debian's python3-pandas) for CSV and ACLED's columns, GDAL's
// ogrinfo for GeoJSON and GeoPackage.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "run_truce.h"
#include "truce/core/local_time.h"
#include "truce/core/time.h"

namespace truce::testing {
namespace {

using json = nlohmann::json;

// Debian's interpreter, where python3-pandas is installed, whatever else
// is first on the PATH.
constexpr const char* kPython = "/usr/bin/python3";

constexpr const char* kAcledColumns[] = {"event_id_cnty",
                                         "event_date",
                                         "year",
                                         "time_precision",
                                         "disorder_type",
                                         "event_type",
                                         "sub_event_type",
                                         "actor1",
                                         "assoc_actor_1",
                                         "inter1",
                                         "actor2",
                                         "inter2",
                                         "interaction",
                                         "civilian_targeting",
                                         "iso",
                                         "region",
                                         "country",
                                         "admin1",
                                         "admin2",
                                         "admin3",
                                         "location",
                                         "latitude",
                                         "longitude",
                                         "geo_precision",
                                         "source",
                                         "source_scale",
                                         "notes",
                                         "fatalities",
                                         "tags",
                                         "timestamp"};

Outcome Shell(const std::string& cmd) {
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class Export : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/truce-export-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    db_ = dir_ + "/center.db";
    const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    ASSERT_EQ(Truce("sim --mission " + m + " --seed 3 --days 1 --out " + dir_ + "/sim").code, 0);
    ASSERT_EQ(Truce("init --mission " + m + " --db " + db_).code, 0);
    for (const char* party : {"RU", "TR"}) {
      const std::string key = m + "/keys/demo/" + (std::string(party) == "RU" ? "ru" : "tr") + "-obs-1.key";
      Outcome in = Truce("ingest --db " + db_ + " --key " + key + " " + dir_ + "/sim/reports-" + party + ".jsonl");
      ASSERT_EQ(in.code, 0) << in.out;
    }
    // The center's own count of the day's incidents, from `truce incidents`.
    Outcome inc = Truce("incidents --db " + db_ + " --format jsonl -q 2>/dev/null");
    ASSERT_EQ(inc.code, 0);
    const LocalZone damascus = LocalZone::Find("Asia/Damascus").value();
    std::istringstream lines(inc.out);
    std::map<std::string, int> by_day;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] != '{') continue;
      const json i = json::parse(line);
      by_day[FormatCivilDay(damascus.DayOf(ParseRfc3339(i["time"]["start"].get<std::string>())->utc_ms))]++;
    }
    ASSERT_FALSE(by_day.empty());
    for (const auto& [day, n] : by_day) {
      if (n > incidents_) day_ = day, incidents_ = n;
    }
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  // Runs a Python program with pandas on `file`; its standard output.
  static Outcome Pandas(const std::string& program, const std::string& file) {
    const std::string script = dir_ + "/check.py";
    std::ofstream(script) << "import json, sys\nimport pandas as pd\n" << program;
    return Shell(std::string(kPython) + " " + script + " " + file);
  }

  static inline std::string dir_, db_, day_;
  static inline int incidents_ = 0;
};

TEST_F(Export, AcledCsvOfTheDayLoadsInPandasWithAcledsColumns) {
  const std::string out = dir_ + "/acled.csv";
  Outcome e = Truce("export incidents --db " + db_ + " --format acled --date " + day_ + " --out " + out + " -q");
  ASSERT_EQ(e.code, 0) << e.out;
  Outcome p = Pandas(
      "df = pd.read_csv(sys.argv[1])\n"
      "print(json.dumps({'columns': list(df.columns), 'rows': len(df), 'dates': sorted(set(df.event_date)),\n"
      "  'fatalities': str(df.fatalities.dtype), 'latitude': str(df.latitude.dtype), 'iso': int(df.iso[0]),\n"
      "  'events': sorted(set(df.event_type)), 'country': sorted(set(df.country))}))\n",
      out);
  ASSERT_EQ(p.code, 0) << p.out;
  const json r = json::parse(p.out);
  EXPECT_EQ(r["columns"], json(std::vector<std::string>(std::begin(kAcledColumns), std::end(kAcledColumns))));
  EXPECT_EQ(r["rows"], incidents_);
  EXPECT_EQ(r["dates"], json::array({day_}));
  EXPECT_EQ(r["fatalities"], "int64");
  EXPECT_EQ(r["latitude"], "float64");
  EXPECT_EQ(r["iso"], 760);
  EXPECT_EQ(r["country"], json::array({"Syria"}));
  for (const auto& t : r["events"]) {
    EXPECT_TRUE(t == "Explosions/Remote violence" || t == "Battles" || t == "Violence against civilians" ||
                t == "Strategic developments")
        << t;
  }

  // With the HXL row: pandas skips it and reads the same table.
  const std::string hxl = dir_ + "/acled-hxl.csv";
  ASSERT_EQ(Truce("export incidents --db " + db_ + " --format acled --hxl --date " + day_ + " --out " + hxl).code, 0);
  Outcome h = Pandas(
      "df = pd.read_csv(sys.argv[1], skiprows=[1])\n"
      "tags = pd.read_csv(sys.argv[1], nrows=1).iloc[0]\n"
      "print(json.dumps({'rows': len(df), 'date_tag': tags['event_date'], 'fatalities': str(df.fatalities.dtype)}))\n",
      hxl);
  ASSERT_EQ(h.code, 0) << h.out;
  const json hr = json::parse(h.out);
  EXPECT_EQ(hr["rows"], incidents_);
  EXPECT_EQ(hr["date_tag"], "#date+occurred");
  EXPECT_EQ(hr["fatalities"], "int64");
}

TEST_F(Export, ReportsCsvHasOneRowPerReportWithTimesThatKeepTheirOffsets) {
  const std::string out = dir_ + "/reports.csv";
  Outcome e = Truce("export reports --db " + db_ + " --out " + out + " -q");
  ASSERT_EQ(e.code, 0) << e.out;
  Outcome q = Truce("query --db " + db_ + " --limit 10000 --format jsonl 2>/dev/null | grep -c '^{'");
  Outcome p = Pandas(
      "df = pd.read_csv(sys.argv[1])\n"
      "t = pd.to_datetime(df.observed_start, utc=True)\n"
      "print(json.dumps({'rows': len(df), 'ids_unique': bool(df.id.is_unique), 'nat': int(t.isna().sum()),\n"
      "  'offset': df.observed_start[0][-6:], 'id': str(df.id.dtype), 'killed': str(df.killed.dtype)}))\n",
      out);
  ASSERT_EQ(p.code, 0) << p.out;
  const json r = json::parse(p.out);
  EXPECT_EQ(r["rows"].get<int>(), std::stoi(q.out)) << q.out;
  EXPECT_TRUE(r["ids_unique"].get<bool>());
  EXPECT_EQ(r["nat"], 0);
  EXPECT_EQ(r["offset"], "+03:00");  // as the sources wrote it
  EXPECT_EQ(r["id"], "int64");
}

TEST_F(Export, GeoJsonAndGeoPackageOpenInOgrinfoWithTheRightCountsAndTypes) {
  const std::string gpkg = dir_ + "/incidents.gpkg", geojson = dir_ + "/incidents.geojson";
  ASSERT_EQ(Truce("export incidents --db " + db_ + " --date " + day_ + " --format gpkg --out " + gpkg + " -q").code, 0);
  ASSERT_EQ(Truce("export incidents --db " + db_ + " --date " + day_ + " --format geojson --out " + geojson).code, 0);
  for (const std::string& file : {gpkg, geojson}) {
    Outcome info = Shell("ogrinfo -so -al " + file);
    ASSERT_EQ(info.code, 0) << info.out;
    EXPECT_NE(info.out.find("Feature Count: " + std::to_string(incidents_) + "\n"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Geometry: Point"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("best: Integer"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("low: Integer"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("probability: Real"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("start: DateTime"), std::string::npos) << info.out;
  }
  EXPECT_NE(Shell("ogrinfo -so -al " + gpkg).out.find("contested: Integer(Boolean)"), std::string::npos);
  EXPECT_NE(Shell("ogrinfo -so -al " + gpkg).out.find("EPSG\",4326"), std::string::npos);
  // A GeoPackage is never written over.
  Outcome again = Truce("export incidents --db " + db_ + " --format gpkg --out " + gpkg);
  EXPECT_NE(again.code, 0);
  EXPECT_NE(again.out.find("already exists"), std::string::npos) << again.out;

  const std::string reports = dir_ + "/reports.gpkg";
  ASSERT_EQ(Truce("export reports --db " + db_ + " --format gpkg --out " + reports + " -q").code, 0);
  EXPECT_NE(Shell("ogrinfo -so -al " + reports).out.find("observed_start: DateTime"), std::string::npos);
}

// The Done-when of issue 13: the GeoPackage opens in QGIS. QGIS itself
// (python3-qgis from Debian, without a display) loads the day's incidents:
// a valid point layer in EPSG:4326, one feature per incident, typed
// fields, times as DateTime stored in UTC as the GeoPackage standard wants.
TEST_F(Export, TheGeoPackageOpensInQgis) {
  const std::string gpkg = dir_ + "/qgis.gpkg",
                    script = dir_ + "/open_in_qgis.py";  // not qgis.py: Python would import it as qgis
  ASSERT_EQ(Truce("export incidents --db " + db_ + " --date " + day_ + " --format gpkg --out " + gpkg + " -q").code, 0);
  std::ofstream(script)
      << "import json, sys\n"
         "from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes\n"
         "app = QgsApplication([], False)\n"
         "app.initQgis()\n"
         "layer = QgsVectorLayer(sys.argv[1] + '|layername=incidents', 'incidents', 'ogr')\n"
         "fields = {f.name(): f.typeName() for f in layer.fields()}\n"
         "first = next(layer.getFeatures())\n"
         "start = first['start']\n"
         "print(json.dumps({'valid': layer.isValid(), 'count': layer.featureCount(),\n"
         "  'crs': layer.crs().authid(), 'points': layer.geometryType() == QgsWkbTypes.PointGeometry,\n"
         "  'fields': fields,\n"
         "  'start': start.toString('yyyy-MM-ddTHH:mm:ss')}))\n"
         // Python's teardown after QGIS's can crash (PyQGIS objects
         // outliving the application); what was read is printed.
         "sys.stdout.flush()\n"
         "import os\n"
         "os._exit(0)\n";
  Outcome q = Shell(std::string("TZ=UTC QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=") + dir_ + " " + kPython + " " +
                    script + " " + gpkg);
  ASSERT_EQ(q.code, 0) << q.out;
  EXPECT_EQ(q.out.find("Non-conformant"), std::string::npos)
      << "GDAL warned that a value breaks the standard: " << q.out;
  const size_t at = q.out.rfind("{\"valid\"");
  ASSERT_NE(at, std::string::npos) << q.out;
  const json r = json::parse(q.out.substr(at, q.out.find('\n', at) - at));
  EXPECT_TRUE(r["valid"].get<bool>());
  EXPECT_EQ(r["count"].get<int>(), incidents_);
  EXPECT_EQ(r["crs"], "EPSG:4326");
  EXPECT_TRUE(r["points"].get<bool>());
  EXPECT_EQ(r["fields"]["start"], "DateTime");
  EXPECT_EQ(r["fields"]["best"], "Integer64");
  EXPECT_EQ(r["fields"]["probability"], "Real");
  // Stored as the standard has it: "…Z" (QGIS 3.22 shows such a time in the machine's zone).
  Outcome stored = Shell("sqlite3 " + gpkg + " 'SELECT start FROM incidents ORDER BY fid LIMIT 1'");
  EXPECT_EQ(stored.out.substr(stored.out.size() > 2 ? stored.out.size() - 2 : 0), "Z\n") << stored.out;
  // The first incident's start, in UTC, is the one the CSV export gives with its offset.
  Outcome csv = Truce("export incidents --db " + db_ + " --date " + day_ + " -q | sed -n 2p | cut -d, -f2");
  auto t = ParseRfc3339(csv.out.substr(0, csv.out.find('\n')));
  ASSERT_TRUE(t.ok()) << csv.out;
  EXPECT_EQ(r["start"].get<std::string>() + "Z", FormatRfc3339(Instant{t->utc_ms - t->utc_ms % 1000, 0})) << csv.out;
}

TEST_F(Export, BadArgumentsGetAClearError) {
  Outcome unknown = Truce("export incidents --db " + db_ + " --format xlsx");
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.out.find("format: 'xlsx' is not csv, geojson, gpkg or acled"), std::string::npos) << unknown.out;
  Outcome acled = Truce("export reports --db " + db_ + " --format acled");
  EXPECT_NE(acled.code, 0);
  EXPECT_NE(acled.out.find("only incidents"), std::string::npos) << acled.out;
  Outcome gpkg = Truce("export incidents --db " + db_ + " --format gpkg");
  EXPECT_NE(gpkg.code, 0);
  EXPECT_NE(gpkg.out.find("--out"), std::string::npos) << gpkg.out;
  Outcome date = Truce("export incidents --db " + db_ + " --date 2020-02-31");
  EXPECT_NE(date.code, 0);
  EXPECT_NE(date.out.find("date"), std::string::npos) << date.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/never.csv"));
  Outcome filter = Truce("export determinations --db " + db_ + " --party TR --out " + dir_ + "/never.csv");
  EXPECT_NE(filter.code, 0);
  EXPECT_NE(filter.out.find("party: not a filter of determinations"), std::string::npos) << filter.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/never.csv"));
}

}  // namespace
}  // namespace truce::testing
