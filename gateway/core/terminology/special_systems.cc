#include "gateway/core/terminology/special_systems.h"

#include <optional>
#include <string>

#include "gateway/core/fhirpath/ucum.h"
#include "gateway/core/terminology/code_system.h"
#include "gateway/core/terminology/language_tag.h"
#include "gateway/core/terminology/mime_type.h"

namespace gw::terminology {
namespace {

// The parts of a language tag a filter may name; nullopt for an unknown property.
std::optional<std::string> LanguageTagPart(const LanguageTag& tag, std::string_view property) {
  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "-") + p;
    return out;
  };
  if (property == "language") return tag.language;
  if (property == "ext-lang") return join(tag.extlang);
  if (property == "script") return tag.script;
  if (property == "region") return tag.region;
  if (property == "variant") return join(tag.variants);
  if (property == "extension") return join(tag.extensions);
  if (property == "private-use") return tag.private_use;
  return std::nullopt;
}

Truth MatchLanguageTagFilter(const FilterSpec& filter, std::string_view code) {
  std::optional<LanguageTag> tag = ParseLanguageTag(code);
  if (!tag.has_value()) return Truth::kFalse;
  std::optional<std::string> part = LanguageTagPart(*tag, filter.property);
  if (!part.has_value()) return Truth::kUnknown;
  if (filter.op == FilterOp::kExists) {
    if (filter.value != "true" && filter.value != "false") return Truth::kUnknown;
    return FromBool(!part->empty() == (filter.value == "true"));
  }
  if (filter.op == FilterOp::kEquals)
    return FromBool(AsciiLower(*part) == AsciiLower(filter.value));
  return Truth::kUnknown;
}

Truth MatchUcumFilter(const FilterSpec& filter, std::string_view code) {
  if (filter.property != "canonical" || filter.op != FilterOp::kEquals) return Truth::kUnknown;
  auto target = fhirpath::ucum::Canonicalize(filter.value);
  auto actual = fhirpath::ucum::Canonicalize(code);
  if (!target.has_value() || !actual.has_value()) return Truth::kUnknown;
  return FromBool(target->dimension == actual->dimension && target->special == actual->special);
}

}  // namespace

SpecialSystem ClassifySystem(std::string_view system_url) {
  if (system_url == kUcumSystem) return SpecialSystem::kUcum;
  if (system_url == kLanguageTagSystem) return SpecialSystem::kLanguageTag;
  if (system_url == kMimeTypeSystem) return SpecialSystem::kMimeType;
  return SpecialSystem::kNone;
}

bool IsWellFormedCode(SpecialSystem system, std::string_view code) {
  switch (system) {
    case SpecialSystem::kUcum:
      return !code.empty() && fhirpath::ucum::ParseTerms(code).has_value();
    case SpecialSystem::kLanguageTag:
      return ParseLanguageTag(code).has_value();
    case SpecialSystem::kMimeType:
      return IsPlausibleMimeType(code);
    case SpecialSystem::kNone:
      break;
  }
  return false;
}

bool SpecialCodesEqual(SpecialSystem system, std::string_view a, std::string_view b) {
  if (system == SpecialSystem::kLanguageTag || system == SpecialSystem::kMimeType) {
    return a.size() == b.size() && AsciiLower(a) == AsciiLower(b);
  }
  return a == b;
}

Truth MatchSpecialFilter(SpecialSystem system, const FilterSpec& filter, std::string_view code) {
  switch (system) {
    case SpecialSystem::kLanguageTag:
      return MatchLanguageTagFilter(filter, code);
    case SpecialSystem::kUcum:
      return MatchUcumFilter(filter, code);
    default:
      return Truth::kUnknown;
  }
}

}  // namespace gw::terminology
