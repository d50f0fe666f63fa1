#include "gateway/core/validation/questionnaire_values.h"

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/fhirpath/quantity.h"
#include "gateway/core/fhirpath/temporal.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kUcum = "http://unitsofmeasure.org";

enum class Family { kNumber, kTemporal, kString, kBoolean, kCoding, kQuantity, kReference, kOther };

Family FamilyOf(std::string_view type) {
  if (type == "Integer" || type == "Decimal" || type == "PositiveInt" || type == "UnsignedInt") {
    return Family::kNumber;
  }
  if (type == "Date" || type == "DateTime" || type == "Time" || type == "Instant") {
    return Family::kTemporal;
  }
  if (type == "String" || type == "Uri" || type == "Url" || type == "Canonical" || type == "Code" ||
      type == "Id" || type == "Markdown" || type == "Oid" || type == "Uuid") {
    return Family::kString;
  }
  if (type == "Boolean") return Family::kBoolean;
  if (type == "Coding") return Family::kCoding;
  if (type == "Quantity") return Family::kQuantity;
  if (type == "Reference") return Family::kReference;
  return Family::kOther;
}

std::optional<fhirpath::Decimal> NumberOf(const json::Value& v) {
  if (!v.is_number()) return std::nullopt;
  return fhirpath::Decimal::Parse(v.number_text());
}

std::optional<fhirpath::Temporal> TemporalOf(const TypedValue& v) {
  if (!v.value->is_string()) return std::nullopt;
  std::string_view s = v.value->string_value();
  if (v.type == "Time") return fhirpath::Temporal::ParseTime(s);
  if (v.type == "Date") return fhirpath::Temporal::ParseDate(s);
  return fhirpath::Temporal::ParseDateTime(s);
}

int Sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

std::optional<int> CompareTemporal(const TypedValue& a, const TypedValue& b) {
  auto ta = TemporalOf(a);
  auto tb = TemporalOf(b);
  if (!ta || !tb) return std::nullopt;
  if ((ta->kind == fhirpath::TemporalKind::kTime) != (tb->kind == fhirpath::TemporalKind::kTime)) {
    return std::nullopt;
  }
  if (auto c = fhirpath::Temporal::Compare(*ta, *tb)) return Sign(*c);
  // Equal common part, different precision: the more precise value sorts after.
  std::string_view sa = a.value->string_value();
  std::string_view sb = b.value->string_value();
  return Sign(sa.compare(sb));
}

std::optional<fhirpath::Quantity> QuantityOf(const json::Value& q) {
  const json::Value* value = q.Find("value");
  auto number = value != nullptr ? NumberOf(*value) : std::nullopt;
  if (!number) return std::nullopt;
  std::string_view system = StringMember(q, "system");
  std::string_view code = StringMember(q, "code");
  if (system == kUcum && !code.empty()) return fhirpath::Quantity{*number, std::string(code)};
  return std::nullopt;
}

std::optional<int> CompareQuantities(const json::Value& a, const json::Value& b) {
  if (!a.is_object() || !b.is_object()) return std::nullopt;
  auto qa = QuantityOf(a);
  auto qb = QuantityOf(b);
  if (qa && qb) {
    auto c = fhirpath::Quantity::Compare(*qa, *qb);
    if (!c) return std::nullopt;
    return Sign(*c);
  }
  // Without formal units, values compare only with the very same unit text.
  const json::Value* va = a.Find("value");
  const json::Value* vb = b.Find("value");
  auto na = va != nullptr ? NumberOf(*va) : std::nullopt;
  auto nb = vb != nullptr ? NumberOf(*vb) : std::nullopt;
  if (!na || !nb || qa || qb) return std::nullopt;
  if (StringMember(a, "unit") != StringMember(b, "unit")) return std::nullopt;
  return Sign(na->Compare(*nb));
}

bool CodingsEqual(const json::Value& a, const json::Value& b) {
  std::string_view ca = StringMember(a, "code");
  if (ca.empty() || ca != StringMember(b, "code")) return false;
  std::string_view sa = StringMember(a, "system");
  std::string_view sb = StringMember(b, "system");
  return sa.empty() || sb.empty() || sa == sb;
}

}  // namespace

TypedValue TypedMember(const json::Value& obj, std::string_view prefix) {
  TypedValue out;
  if (!obj.is_object()) return out;
  out.value = PrefixedMember(obj, prefix, &out.type);
  return out;
}

std::optional<bool> ValuesEqual(const TypedValue& a, const TypedValue& b) {
  if (!a || !b) return std::nullopt;
  Family fa = FamilyOf(a.type);
  if (fa != FamilyOf(b.type) || fa == Family::kOther) return std::nullopt;
  switch (fa) {
    case Family::kBoolean:
      if (!a.value->is_bool() || !b.value->is_bool()) return std::nullopt;
      return a.value->bool_value() == b.value->bool_value();
    case Family::kString:
      if (!a.value->is_string() || !b.value->is_string()) return std::nullopt;
      return a.value->string_value() == b.value->string_value();
    case Family::kCoding:
      if (!a.value->is_object() || !b.value->is_object()) return std::nullopt;
      return CodingsEqual(*a.value, *b.value);
    case Family::kReference:
      if (!a.value->is_object() || !b.value->is_object()) return std::nullopt;
      return StringMember(*a.value, "reference") == StringMember(*b.value, "reference");
    case Family::kTemporal: {
      auto ta = TemporalOf(a);
      auto tb = TemporalOf(b);
      if (!ta || !tb) return std::nullopt;
      return fhirpath::Temporal::Equal(*ta, *tb).value_or(false);
    }
    default: {
      auto c = CompareValues(a, b);
      if (!c) return std::nullopt;
      return *c == 0;
    }
  }
}

std::optional<int> CompareValues(const TypedValue& a, const TypedValue& b) {
  if (!a || !b) return std::nullopt;
  Family fa = FamilyOf(a.type);
  if (fa != FamilyOf(b.type)) return std::nullopt;
  switch (fa) {
    case Family::kNumber: {
      auto na = NumberOf(*a.value);
      auto nb = NumberOf(*b.value);
      if (!na || !nb) return std::nullopt;
      return Sign(na->Compare(*nb));
    }
    case Family::kTemporal:
      return CompareTemporal(a, b);
    case Family::kString:
      if (!a.value->is_string() || !b.value->is_string()) return std::nullopt;
      return Sign(a.value->string_value().compare(b.value->string_value()));
    case Family::kQuantity:
      return CompareQuantities(*a.value, *b.value);
    default:
      return std::nullopt;
  }
}

std::string_view DataTypeOfSuffix(std::string_view suffix) {
  static constexpr std::string_view kPrimitive[] = {
      "boolean", "decimal", "integer",     "date",        "dateTime",    "time", "string",
      "uri",     "url",     "canonical",   "code",        "instant",     "id",   "markdown",
      "oid",     "uuid",    "positiveInt", "unsignedInt", "base64Binary"};
  for (std::string_view p : kPrimitive) {
    if (p.size() == suffix.size() && p.substr(1) == suffix.substr(1) &&
        p[0] == suffix[0] + ('a' - 'A')) {
      return p;
    }
  }
  return suffix;
}

}  // namespace gw::validation
