#include "gateway/core/validation/questionnaire_resolve.h"

#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_codes.h"
#include "gateway/core/validation/questionnaire_values.h"

namespace gw::validation {
namespace {

bool MatchesCanonical(const json::Value& resource, std::string_view url, std::string_view version) {
  if (!resource.is_object() || StringMember(resource, "url") != url) return false;
  return version.empty() || StringMember(resource, "version") == version;
}

}  // namespace

const json::Value* FindQuestionnaire(const json::Value& response, std::string_view canonical,
                                     const SchemaRegistry* registry, const json::Value* bundle,
                                     std::string* location) {
  const json::Value* contained = response.Find("contained");
  bool local = !canonical.empty() && canonical[0] == '#';
  std::string_view url = canonical;
  std::string_view version;
  if (std::size_t bar = canonical.find('|'); bar != std::string_view::npos) {
    url = canonical.substr(0, bar);
    version = canonical.substr(bar + 1);
  }
  if (contained != nullptr && contained->is_array()) {
    std::size_t i = 0;
    for (const json::Value& c : contained->items()) {
      std::size_t index = i++;
      bool hit = local ? c.is_object() && StringMember(c, "id") == canonical.substr(1)
                       : MatchesCanonical(c, url, version);
      if (!hit) continue;
      *location = std::string(StringMember(response, "resourceType")) + ".contained[" +
                  std::to_string(index) + "]";
      return &c;
    }
  }
  if (local) return nullptr;
  const json::Value* entries = bundle != nullptr ? bundle->Find("entry") : nullptr;
  if (entries != nullptr && entries->is_array()) {
    for (const json::Value& e : entries->items()) {
      const json::Value* r = e.is_object() ? e.Find("resource") : nullptr;
      if (r != nullptr && MatchesCanonical(*r, url, version)) return r;
    }
  }
  return registry != nullptr ? registry->ResolveDefinition(canonical) : nullptr;
}

void CheckAuthoredPeriod(const json::Value& response, const json::Value& questionnaire,
                         std::string_view location, IssueSink& sink) {
  const json::Value* authored = response.Find("authored");
  const json::Value* period = questionnaire.Find("effectivePeriod");
  if (authored == nullptr || period == nullptr || !period->is_object()) return;
  TypedValue when{authored, "DateTime"};
  TypedValue start{period->Find("start"), "DateTime"};
  TypedValue end{period->Find("end"), "DateTime"};
  std::string loc = std::string(location) + ".authored";
  auto before = CompareValues(when, start);
  if (before && *before < 0) {
    sink.Report(Issue{Severity::kWarning, std::string(codes::kQAuthoredOutsidePeriod), loc,
                      "The authored date is before the start of the Questionnaire's "
                      "effective period"});
  }
  auto after = CompareValues(when, end);
  if (after && *after > 0) {
    sink.Report(Issue{Severity::kWarning, std::string(codes::kQAuthoredOutsidePeriod), loc,
                      "The authored date is after the end of the Questionnaire's effective "
                      "period"});
  }
}

}  // namespace gw::validation
