#include "tests/unit/mapping/mapping_test_support.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"

namespace gw::mapping::testing {

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string MappingsDir() { return std::string(GW_SOURCE_DIR) + "/mappings"; }

std::shared_ptr<const MappingEnvironment> TestEnvironment() {
  static std::shared_ptr<const MappingEnvironment> env = [] {
    auto e = std::make_shared<MappingEnvironment>();
    e->id_namespace = *ParseUuid(kTestNamespace);
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(MappingsDir() + "/conceptmaps")) {
      if (f.path().extension() == ".json") files.push_back(f.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      Status s = e->concept_maps.Add(std::filesystem::path(f).filename().string(), *ReadFile(f));
      BOOST_TEST_REQUIRE(s.ok(), s.message());
    }
    return std::shared_ptr<const MappingEnvironment>(e);
  }();
  return env;
}

std::shared_ptr<const MappingPlan> LoadFeedPlan(const std::string& feed) {
  auto text = ReadFile(MappingsDir() + "/" + feed + ".json");
  BOOST_TEST_REQUIRE(text.has_value(), feed);
  auto plan = LoadMappingPlan(feed + ".json", *text, TestEnvironment());
  BOOST_TEST_REQUIRE(plan.ok(), plan.status().message());
  return *plan;
}

json::Value ParseJson(const std::string& text) {
  auto v = json::Parse(text);
  BOOST_TEST_REQUIRE(v.ok(), v.status().message());
  return std::move(v).value();
}

namespace {

std::string Short(const json::Value& v) {
  std::string s = json::Write(v);
  return s.size() > 120 ? s.substr(0, 117) + "..." : s;
}

}  // namespace

std::vector<std::string> Diff(const json::Value& e, const json::Value& a,
                              const std::string& path) {
  std::vector<std::string> out;
  std::string where = path.empty() ? "(root)" : path;
  if (e.kind() != a.kind()) {
    out.push_back(where + ": expected " + Short(e) + ", got " + Short(a));
    return out;
  }
  if (e.is_object()) {
    for (const json::Member& m : e.members()) {
      const json::Value* av = a.Find(m.key);
      std::string p = path.empty() ? m.key : path + "." + m.key;
      if (av == nullptr) {
        out.push_back(p + ": missing, expected " + Short(m.value));
        continue;
      }
      auto sub = Diff(m.value, *av, p);
      out.insert(out.end(), sub.begin(), sub.end());
    }
    for (const json::Member& m : a.members()) {
      if (e.Find(m.key) == nullptr) {
        out.push_back((path.empty() ? m.key : path + "." + m.key) + ": unexpected " +
                      Short(m.value));
      }
    }
  } else if (e.is_array()) {
    std::size_t n = std::min(e.items().size(), a.items().size());
    for (std::size_t i = 0; i < n; ++i) {
      auto sub = Diff(e.items()[i], a.items()[i], path + "[" + std::to_string(i) + "]");
      out.insert(out.end(), sub.begin(), sub.end());
    }
    for (std::size_t i = n; i < e.items().size(); ++i) {
      out.push_back(path + "[" + std::to_string(i) + "]: missing, expected " + Short(e.items()[i]));
    }
    for (std::size_t i = n; i < a.items().size(); ++i) {
      out.push_back(path + "[" + std::to_string(i) + "]: unexpected " + Short(a.items()[i]));
    }
  } else if (!(e == a)) {
    out.push_back(where + ": expected " + Short(e) + ", got " + Short(a));
  }
  return out;
}

std::vector<std::string> SplitCsvRow(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

json::Value CsvRecord(const std::vector<std::string>& header, const std::vector<std::string>& row) {
  std::vector<json::Member> members;
  for (std::size_t i = 0; i < header.size() && i < row.size(); ++i) {
    if (!row[i].empty()) members.push_back({header[i], json::Value::String(row[i])});
  }
  return json::Value::Object(std::move(members));
}

json::Value ResultJson(const MapResult& result) {
  std::vector<json::Member> top;
  if (result.ok()) {
    std::vector<json::Value> resources;
    for (const MappedResource& r : result.resources) resources.push_back(r.resource);
    top.push_back({"resources", json::Value::Array(std::move(resources))});
  } else {
    std::vector<json::Value> issues;
    for (const MappingIssue& i : result.issues) {
      std::vector<json::Member> m;
      m.push_back({"code", json::Value::String(i.issue.code)});
      m.push_back({"location", json::Value::String(i.issue.location)});
      m.push_back({"rule", json::Value::String(i.rule)});
      m.push_back({"field", json::Value::String(i.field)});
      issues.push_back(json::Value::Object(std::move(m)));
    }
    top.push_back({"issues", json::Value::Array(std::move(issues))});
  }
  return json::Value::Object(std::move(top));
}

}  // namespace gw::mapping::testing
