#include "gateway/core/validation/capability_statement_check.h"

#include <string>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

// Calls `fn(element, location)` for each object of the array `key` of `obj`.
template <typename Fn>
void ForEach(const json::Value& obj, std::string_view key, const std::string& location, Fn fn) {
  const json::Value* list = obj.Find(key);
  if (list == nullptr || !list->is_array()) return;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const json::Value& item = list->items()[i];
    if (!item.is_object()) continue;
    fn(item, location + "." + std::string(key) + "[" + std::to_string(i) + "]");
  }
}

void CheckSearchParam(const json::Value& param, const std::string& location,
                      const SchemaRegistry& registry, IssueSink& sink) {
  std::string_view definition = StringMember(param, "definition");
  std::string_view type = StringMember(param, "type");
  if (definition.empty() || type.empty()) return;
  const json::Value* sp = registry.ResolveDefinition(definition);
  if (sp == nullptr || StringMember(*sp, "resourceType") != "SearchParameter") return;
  std::string_view defined = StringMember(*sp, "type");
  if (defined.empty() || defined == type) return;
  sink.Report(Issue{Severity::kError, std::string(codes::kCapabilitySearchParamType), location,
                    "Type mismatch - SearchParameter '" + std::string(definition) + "' type is " +
                        std::string(defined) + ", but type here is " + std::string(type)});
}

}  // namespace

void CheckCapabilityStatement(const json::Value& cs, std::string_view location,
                              const SchemaRegistry& registry, IssueSink& sink) {
  if (!cs.is_object()) return;
  ForEach(cs, "rest", std::string(location), [&](const json::Value& rest, const std::string& r) {
    ForEach(rest, "resource", r, [&](const json::Value& resource, const std::string& res) {
      ForEach(resource, "searchParam", res, [&](const json::Value& param, const std::string& p) {
        CheckSearchParam(param, p, registry, sink);
      });
    });
  });
}

bool IsFormatShortName(const ElementRule& rule, const json::Value& value) {
  if (rule.path != "CapabilityStatement.format" || !value.is_string()) return false;
  std::string_view v = value.string_value();
  return v == "xml" || v == "json" || v == "ttl";
}

}  // namespace gw::validation
