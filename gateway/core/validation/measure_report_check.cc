#include "gateway/core/validation/measure_report_check.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kPopulationSystem =
    "http://terminology.hl7.org/CodeSystem/measure-population";

std::span<const json::Value> Items(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || !v->is_array()) return {};
  return v->items();
}

std::string At(std::string_view base, std::string_view key, std::size_t i) {
  return std::string(base) + "." + std::string(key) + "[" + std::to_string(i) + "]";
}

bool HasCoding(const json::Value* cc, std::string_view system, std::string_view code) {
  if (cc == nullptr) return false;
  for (const json::Value& c : Items(*cc, "coding")) {
    if (StringMember(c, "system") == system && StringMember(c, "code") == code) return true;
  }
  return false;
}

// True when `report_code` has one of the codings of `measure_code` (or, with `by_text` and no
// codings on either side, the same text).
bool CodesMatch(const json::Value* report_code, const json::Value* measure_code, bool by_text) {
  if (report_code == nullptr || measure_code == nullptr) return false;
  std::span<const json::Value> codings = Items(*measure_code, "coding");
  for (const json::Value& c : codings) {
    if (HasCoding(report_code, StringMember(c, "system"), StringMember(c, "code"))) return true;
  }
  if (!by_text || !codings.empty() || !Items(*report_code, "coding").empty()) return false;
  std::string_view text = StringMember(*report_code, "text");
  return !text.empty() && text == StringMember(*measure_code, "text");
}

std::string Describe(const json::Value* code) {
  std::string out;
  if (code == nullptr) return out;
  for (const json::Value& c : Items(*code, "coding")) {
    if (!out.empty()) out += ", ";
    out += std::string(StringMember(c, "system")) + "#" + std::string(StringMember(c, "code"));
  }
  return out.empty() ? std::string(StringMember(*code, "text")) : out;
}

class Checker {
 public:
  Checker(const json::Value& report, const json::Value& measure, std::string_view location,
          IssueSink& sink)
      : report_(report), measure_(measure), location_(location), sink_(sink) {
    const json::Value* scoring = measure.Find("scoring");
    std::span<const json::Value> codings =
        scoring != nullptr ? Items(*scoring, "coding") : std::span<const json::Value>();
    if (!codings.empty()) scoring_ = StringMember(codings[0], "code");
    report_type_ = StringMember(report, "type");
  }

  void Run() {
    std::span<const json::Value> groups = Items(report_, "group");
    std::span<const json::Value> defined = Items(measure_, "group");
    if (groups.size() == 1 && defined.size() == 1) {
      std::string at = At(location_, "group", 0);
      const json::Value* code = groups[0].Find("code");
      const json::Value* def_code = defined[0].Find("code");
      if (code != nullptr && def_code != nullptr && !CodesMatch(code, def_code, false)) {
        Error(at, "The group code " + Describe(code) + " does not match the code " +
                      Describe(def_code) + " of the Measure's group");
      }
      Group(groups[0], defined[0], at);
      return;
    }
    std::vector<bool> seen(defined.size(), false);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      std::string at = At(location_, "group", i);
      std::size_t match = Find(groups[i].Find("code"), defined, false);
      if (groups[i].Find("code") == nullptr || match == defined.size()) {
        Error(at, "Group should have a code that matches the group definition in the measure");
      } else if (seen[match]) {
        Error(at, "The group code is used more than once");
      } else {
        seen[match] = true;
        Group(groups[i], defined[match], at);
      }
    }
    for (std::size_t j = 0; j < defined.size(); ++j) {
      if (seen[j]) continue;
      Error(std::string(location_),
            "The MeasureReport does not include a group for the group with code '" +
                Describe(defined[j].Find("code")) + "'");
    }
  }

 private:
  void Error(std::string location, std::string message) {
    sink_.Report(Issue{Severity::kError, std::string(codes::kMeasureReportMismatch),
                       std::move(location), std::move(message)});
  }

  // Index in `defined` of the entry whose code matches `code`; defined.size() when none.
  static std::size_t Find(const json::Value* code, std::span<const json::Value> defined,
                          bool by_text) {
    for (std::size_t j = 0; j < defined.size(); ++j) {
      if (CodesMatch(code, defined[j].Find("code"), by_text)) return j;
    }
    return defined.size();
  }

  void Group(const json::Value& group, const json::Value& defined, const std::string& at) {
    Score(group, at);
    Populations(group, defined, at);
    Stratifiers(group, defined, at);
  }

  void Score(const json::Value& group, const std::string& at) {
    const json::Value* score = group.Find("measureScore");
    if (report_type_ == "data-collection" || scoring_ == "cohort") {
      if (score == nullptr) return;
      Error(at + ".measureScore",
            report_type_ == "data-collection"
                ? "No measureScore when the type of the report is 'data-collection'"
                : "No measureScore when the scoring of the measure is 'cohort'");
    } else if (score == nullptr && (scoring_ == "proportion" || scoring_ == "ratio" ||
                                    scoring_ == "continuous-variable")) {
      Error(at, "A measureScore is required when the scoring of the measure is '" +
                    std::string(scoring_) + "'");
    }
  }

  void Populations(const json::Value& group, const json::Value& defined, const std::string& at) {
    std::span<const json::Value> pops = Items(group, "population");
    std::span<const json::Value> def_pops = Items(defined, "population");
    std::vector<bool> seen(def_pops.size(), false);
    for (std::size_t i = 0; i < pops.size(); ++i) {
      std::string here = At(at, "population", i);
      std::size_t match = Find(pops[i].Find("code"), def_pops, false);
      if (pops[i].Find("code") == nullptr || match == def_pops.size()) {
        Error(here, "The code for this group population has no match in the measure definition");
        continue;
      }
      if (seen[match]) {
        Error(here, "The group population code is used more than once");
        continue;
      }
      seen[match] = true;
      Subjects(pops[i], here);
    }
    for (std::size_t j = 0; j < def_pops.size(); ++j) {
      const json::Value* code = def_pops[j].Find("code");
      if (seen[j] || HasCoding(code, kPopulationSystem, "measure-observation")) continue;
      Error(at, "The MeasureReport does not include a population for the population with code '" +
                    Describe(code) + "'");
    }
  }

  void Subjects(const json::Value& pop, const std::string& here) {
    if (report_type_ == "subject-list") return;
    if (pop.Find("subjectResults") != nullptr) {
      Error(here, "Reports where type is not 'subject-list' don't have subjects listed");
    }
    if (pop.Find("count") == nullptr) {
      sink_.Report(Issue{Severity::kWarning, std::string(codes::kMeasureReportCount), here,
                         "Count should be present for reports where type is not 'subject-list'"});
    }
  }

  void Stratifiers(const json::Value& group, const json::Value& defined, const std::string& at) {
    std::span<const json::Value> strats = Items(group, "stratifier");
    std::span<const json::Value> def_strats = Items(defined, "stratifier");
    std::vector<bool> seen(def_strats.size(), false);
    for (std::size_t i = 0; i < strats.size(); ++i) {
      std::string here = At(at, "stratifier", i);
      std::span<const json::Value> codes = Items(strats[i], "code");
      std::size_t match = def_strats.size();
      for (const json::Value& code : codes) {
        match = std::min(match, Find(&code, def_strats, true));
      }
      if (match == def_strats.size()) {
        Error(
            here,
            "Group should have a code that matches the group stratifier definition in the measure");
      } else if (seen[match]) {
        Error(here, "The group stratifier code is used more than once");
      } else {
        seen[match] = true;
      }
    }
    for (std::size_t j = 0; j < def_strats.size(); ++j) {
      if (seen[j]) continue;
      Error(at, "The MeasureReport does not include a stratifier for the stratifier with code '" +
                    Describe(def_strats[j].Find("code")) + "' (id = '" +
                    std::string(StringMember(def_strats[j], "id")) + "')");
    }
  }

  const json::Value& report_;
  const json::Value& measure_;
  std::string_view location_;
  IssueSink& sink_;
  std::string_view scoring_;
  std::string_view report_type_;
};

const json::Value* ResolveMeasure(const json::Value& report, const SchemaRegistry& registry) {
  std::string_view ref = StringMember(report, "measure");
  if (ref.empty()) return nullptr;
  if (ref[0] == '#') {
    for (const json::Value& c : Items(report, "contained")) {
      if (StringMember(c, "id") == ref.substr(1) && StringMember(c, "resourceType") == "Measure") {
        return &c;
      }
    }
    return nullptr;
  }
  const json::Value* m = registry.ResolveDefinition(ref);
  return m != nullptr && StringMember(*m, "resourceType") == "Measure" ? m : nullptr;
}

}  // namespace

void CheckMeasureReport(const json::Value& report, std::string_view location,
                        const SchemaRegistry& registry, IssueSink& sink) {
  if (!report.is_object()) return;
  const json::Value* measure = ResolveMeasure(report, registry);
  if (measure == nullptr) return;
  Checker(report, *measure, location, sink).Run();
}

}  // namespace gw::validation
