#include "gateway/core/validation/derived_fixed_values.h"

#include <string>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/value_check.h"

namespace gw::validation {
namespace {

std::string Show(const json::Value& v) {
  if (v.is_string()) return std::string(v.string_value());
  if (v.is_number()) return std::string(v.number_text());
  if (v.is_bool()) return v.bool_value() ? "true" : "false";
  return "(complex value)";
}

const ElementRule* FindElement(const ProfileSchema& schema, std::string_view id,
                               std::string_view path) {
  for (const ElementRule& e : schema.elements) {
    if (!id.empty() ? e.id == id : e.path == path) return &e;
  }
  return nullptr;
}

}  // namespace

void CheckDerivedFixedValues(const json::Value& sd, const SchemaRegistry& registry,
                             IssueSink& sink) {
  if (StringMember(sd, "derivation") != "constraint") return;
  std::string_view base_url = StringMember(sd, "baseDefinition");
  if (base_url.empty() || base_url == StringMember(sd, "url")) return;
  const json::Value* diff = sd.Find("differential");
  const json::Value* elements = diff != nullptr ? diff->Find("element") : nullptr;
  if (elements == nullptr || !elements->is_array()) return;
  const ProfileSchema* base = nullptr;
  for (const json::Value& ed : elements->items()) {
    std::string_view suffix;
    const json::Value* fixed = ed.is_object() ? PrefixedMember(ed, "fixed", &suffix) : nullptr;
    if (fixed == nullptr) continue;
    if (base == nullptr && (base = registry.Get(base_url)) == nullptr) return;
    std::string_view path = StringMember(ed, "path");
    const ElementRule* rule = FindElement(*base, StringMember(ed, "id"), path);
    if (rule == nullptr || !rule->fixed || MatchesFixed(*rule->fixed, *fixed)) continue;
    sink.Report(Issue{Severity::kError, std::string(codes::kDefinitionFixedConflict),
                      std::string(path),
                      "Value is '" + Show(*fixed) + "' but is fixed to '" + Show(*rule->fixed) +
                          "' by the base definition " + std::string(base_url) +
                          ", which a derived definition cannot change"});
  }
}

}  // namespace gw::validation
