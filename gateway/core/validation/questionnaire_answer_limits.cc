// Limits on one answer value from its Questionnaire item (see questionnaire_answer_check.h).
#include "gateway/core/validation/questionnaire_answer_limits.h"

#include <optional>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/regex/regex.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/primitive_check.h"
#include "gateway/core/validation/questionnaire_codes.h"

namespace gw::validation {
namespace {

constexpr std::string_view kExt = "http://hl7.org/fhir/StructureDefinition/";
constexpr std::string_view kSdcExt = "http://hl7.org/fhir/uv/sdc/StructureDefinition/";
constexpr std::string_view kUcum = "http://unitsofmeasure.org";

std::string Url(std::string_view base, std::string_view name) {
  return std::string(base) + std::string(name);
}

TypedValue TypedExtension(const json::Value& node, std::string_view url) {
  const json::Value* exts = node.Find("extension");
  if (exts == nullptr || !exts->is_array()) return {};
  for (const json::Value& e : exts->items()) {
    if (e.is_object() && StringMember(e, "url") == url) return TypedMember(e, "value");
  }
  return {};
}

std::optional<long long> IntegerExtension(const json::Value& node, std::string_view url) {
  TypedValue v = TypedExtension(node, url);
  if (!v || !v.value->is_number()) return std::nullopt;
  auto d = fhirpath::Decimal::Parse(v.value->number_text());
  if (!d) return std::nullopt;
  auto i = d->ToInt64();
  if (!i) return std::nullopt;
  return *i;
}

std::string ItemSuffix(const AnswerAt& at) {
  return " (item '" + std::string(at.item.link_id) + "')";
}

void CheckMinMax(const AnswerAt& at, IssueSink& sink) {
  TypedValue min = TypedExtension(*at.item.node, Url(kExt, "minValue"));
  TypedValue max = TypedExtension(*at.item.node, Url(kExt, "maxValue"));
  if (min) {
    auto c = CompareValues(at.value, min);
    if (c && *c < 0) {
      ReportAt(sink, Severity::kError, codes::kQBelowMin, at.value_loc,
               "The answer is less than the allowed minimum" + ItemSuffix(at));
    }
  }
  if (max) {
    auto c = CompareValues(at.value, max);
    if (c && *c > 0) {
      ReportAt(sink, Severity::kError, codes::kQAboveMax, at.value_loc,
               "The answer is greater than the allowed maximum" + ItemSuffix(at));
    }
  }
}

bool HasFormalUnit(const json::Value& q) {
  return q.is_object() && StringMember(q, "system") == kUcum && !StringMember(q, "code").empty();
}

void CheckQuantityBound(const AnswerAt& at, std::string_view url, bool is_min, IssueSink& sink) {
  TypedValue bound = TypedExtension(*at.item.node, url);
  if (!bound || bound.type != "Quantity") return;
  std::string what = is_min ? "minimum" : "maximum";
  if (!HasFormalUnit(*at.value.value) || !HasFormalUnit(*bound.value)) {
    ReportAt(sink, Severity::kError, codes::kQNotComparable, at.value_loc,
             "The quantity cannot be compared to the allowed " + what +
                 " because no formal (UCUM) units are specified" + ItemSuffix(at));
    return;
  }
  auto c = CompareValues(at.value, bound);
  if (!c) {
    ReportAt(sink, Severity::kError, codes::kQNotComparable, at.value_loc,
             "The quantity's unit cannot be compared to the unit of the allowed " + what +
                 ItemSuffix(at));
  } else if (is_min ? *c < 0 : *c > 0) {
    ReportAt(sink, Severity::kError, is_min ? codes::kQBelowMin : codes::kQAboveMax, at.value_loc,
             std::string("The quantity is ") + (is_min ? "less" : "greater") +
                 " than the allowed " + what + ItemSuffix(at));
  }
}

void CheckUnits(const AnswerAt& at, IssueSink& sink) {
  const json::Value& q = *at.value.value;
  std::string_view system = StringMember(q, "system");
  std::string_view code = StringMember(q, "code");
  std::vector<const json::Value*> options =
      ExtensionValues(*at.item.node, Url(kExt, "questionnaire-unitOption"));
  if (!options.empty()) {
    bool found = false;
    for (const json::Value* o : options) {
      found = found || (o->is_object() && !code.empty() && StringMember(*o, "code") == code &&
                        StringMember(*o, "system") == system);
    }
    if (!found) {
      ReportAt(sink, Severity::kError, codes::kQUnit, at.value_loc,
               "The quantity has a unit that is not one of the unit options" + ItemSuffix(at));
    }
  }
  TypedValue vs = TypedExtension(*at.item.node, Url(kExt, "questionnaire-unitValueSet"));
  if (!vs || !vs.value->is_string()) return;
  std::optional<bool> member;
  if (code.empty()) {
    member = false;
  } else if (at.context.terminology != nullptr) {
    member = at.context.terminology->IsMember(system, code, vs.value->string_value());
  }
  if (member.has_value() && !*member) {
    ReportAt(sink, Severity::kError, codes::kQUnit, at.value_loc,
             "The quantity has a unit that is not in the unit value set '" +
                 std::string(vs.value->string_value()) + "'" + ItemSuffix(at));
  }
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

void CheckString(const AnswerAt& at, IssueSink& sink) {
  if (!at.value.value->is_string()) return;
  std::string_view s = at.value.value->string_value();
  std::size_t length = CodePoints(s);
  const json::Value* max = at.item.node->Find("maxLength");
  auto max_len = max != nullptr && max->is_number() ? fhirpath::Decimal::Parse(max->number_text())
                                                    : std::nullopt;
  if (max_len &&
      fhirpath::Decimal::FromInt(static_cast<std::int64_t>(length)).Compare(*max_len) > 0) {
    ReportAt(sink, Severity::kError, codes::kQTooLong, at.value_loc,
             "The answer is longer than the allowed maximum length of " + max_len->ToString() +
                 ItemSuffix(at));
  }
  auto min_len = IntegerExtension(*at.item.node, Url(kExt, "minLength"));
  if (min_len && static_cast<long long>(length) < *min_len) {
    ReportAt(sink, Severity::kError, codes::kQTooShort, at.value_loc,
             "The answer is shorter than the required minimum length of " +
                 std::to_string(*min_len) + ItemSuffix(at));
  }
  TypedValue regex = TypedExtension(*at.item.node, Url(kExt, "regex"));
  if (regex && regex.value->is_string()) {
    auto compiled = Regex::Compile(regex.value->string_value());
    if (compiled.ok() && !compiled.value()->FullMatch(s)) {
      ReportAt(sink, Severity::kError, codes::kQFormat, at.value_loc,
               "The answer does not conform to the expected format" + ItemSuffix(at));
    }
  }
  if (at.item.type == "string" && s.find_first_of("\r\n") != std::string_view::npos) {
    ReportAt(sink, Severity::kWarning, codes::kQNewline, at.value_loc,
             "The answer should not contain new line characters (use type text)" + ItemSuffix(at));
  }
}

void CheckDecimalPlaces(const AnswerAt& at, IssueSink& sink) {
  auto limit = IntegerExtension(*at.item.node, Url(kExt, "maxDecimalPlaces"));
  if (!limit || !at.value.value->is_number()) return;
  auto d = fhirpath::Decimal::Parse(at.value.value->number_text());
  if (d && d->scale() > *limit) {
    ReportAt(sink, Severity::kError, codes::kQDecimalPlaces, at.value_loc,
             "The answer has too many decimal places (limit = " + std::to_string(*limit) + ")" +
                 ItemSuffix(at));
  }
}

void CheckUri(const AnswerAt& at, IssueSink& sink) {
  if (!at.value.value->is_string()) return;
  std::string_view s = at.value.value->string_value();
  bool bad = (s.substr(0, 9) == "urn:uuid:" && !IsValidUuid(s)) ||
             (s.substr(0, 8) == "urn:oid:" && !IsValidOid(s));
  if (bad) {
    ReportAt(sink, Severity::kError, codes::kQUri, at.value_loc,
             "The uri is not a valid (lower case) urn:uuid or urn:oid" + ItemSuffix(at));
  }
}

}  // namespace

void CheckLimits(const AnswerAt& at, IssueSink& sink) {
  std::string_view t = at.value.type;
  if (t == "Integer" || t == "Decimal" || t == "Date" || t == "DateTime" || t == "Time") {
    CheckMinMax(at, sink);
  }
  if (t == "Decimal") CheckDecimalPlaces(at, sink);
  if (t == "String") CheckString(at, sink);
  if (t == "Uri") CheckUri(at, sink);
  if (t == "Quantity" && at.value.value->is_object()) {
    CheckQuantityBound(at, Url(kSdcExt, "sdc-questionnaire-minQuantity"), true, sink);
    CheckQuantityBound(at, Url(kSdcExt, "sdc-questionnaire-maxQuantity"), false, sink);
    CheckUnits(at, sink);
  }
  if (t == "Attachment" && at.value.value->is_object()) CheckAttachment(at, sink);
  if (t == "Reference" && at.value.value->is_object()) CheckReference(at, sink);
}

}  // namespace gw::validation
