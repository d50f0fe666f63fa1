#include "gateway/core/fhirpath/item.h"

#include <array>
#include <utility>

namespace gw::fhirpath {

const char* ItemKindName(ItemKind k) {
  switch (k) {
    case ItemKind::kBoolean: return "Boolean";
    case ItemKind::kInteger: return "Integer";
    case ItemKind::kDecimal: return "Decimal";
    case ItemKind::kString: return "String";
    case ItemKind::kDate: return "Date";
    case ItemKind::kDateTime: return "DateTime";
    case ItemKind::kTime: return "Time";
    case ItemKind::kQuantity: return "Quantity";
    case ItemKind::kNode: return "Node";
  }
  return "?";
}

ItemKind Item::kind() const {
  switch (v_.index()) {
    case 0: return ItemKind::kBoolean;
    case 1: return ItemKind::kInteger;
    case 2: return ItemKind::kDecimal;
    case 3: return ItemKind::kString;
    case 4:
      switch (std::get<4>(v_).kind) {
        case TemporalKind::kDate: return ItemKind::kDate;
        case TemporalKind::kDateTime: return ItemKind::kDateTime;
        case TemporalKind::kTime: return ItemKind::kTime;
      }
      return ItemKind::kDate;
    case 5: return ItemKind::kQuantity;
    default: return ItemKind::kNode;
  }
}

std::optional<ItemKind> SystemKindOfFhirPrimitive(std::string_view type) {
  static constexpr std::array<std::pair<std::string_view, ItemKind>, 20> kMap = {{
      {"boolean", ItemKind::kBoolean},     {"integer", ItemKind::kInteger},
      {"unsignedInt", ItemKind::kInteger}, {"positiveInt", ItemKind::kInteger},
      {"decimal", ItemKind::kDecimal},     {"string", ItemKind::kString},
      {"code", ItemKind::kString},         {"id", ItemKind::kString},
      {"uri", ItemKind::kString},          {"url", ItemKind::kString},
      {"canonical", ItemKind::kString},    {"oid", ItemKind::kString},
      {"uuid", ItemKind::kString},         {"markdown", ItemKind::kString},
      {"base64Binary", ItemKind::kString}, {"xhtml", ItemKind::kString},
      {"date", ItemKind::kDate},           {"dateTime", ItemKind::kDateTime},
      {"instant", ItemKind::kDateTime},    {"time", ItemKind::kTime},
  }};
  for (const auto& [name, kind] : kMap) {
    if (name == type) return kind;
  }
  return std::nullopt;
}

bool IsQuantityType(std::string_view type) {
  return type == "Quantity" || type == "SimpleQuantity" || type == "Age" || type == "Count" ||
         type == "Distance" || type == "Duration" || type == "MoneyQuantity";
}

namespace {

std::optional<Item> NumberItem(std::string_view text, bool want_integer) {
  if (want_integer) {
    auto d = Decimal::Parse(text);
    if (!d) return std::nullopt;
    auto i = d->ToInt64();
    if (i) return Item::Integer(*i);
    return Item::Dec(*d);
  }
  auto d = Decimal::Parse(text);
  if (!d) return std::nullopt;
  return Item::Dec(*d);
}

std::optional<Item> QuantityFromObject(const json::Value& v) {
  const json::Value* value = v.Find("value");
  if (value == nullptr || !value->is_number()) return std::nullopt;
  auto d = Decimal::Parse(value->number_text());
  if (!d) return std::nullopt;
  Quantity q;
  q.value = *d;
  const json::Value* code = v.Find("code");
  const json::Value* system = v.Find("system");
  const json::Value* unit = v.Find("unit");
  bool ucum = system != nullptr && system->is_string() &&
              system->string_value() == "http://unitsofmeasure.org";
  if (code != nullptr && code->is_string() && (ucum || system == nullptr)) {
    q.unit = std::string(code->string_value());
  } else if (unit != nullptr && unit->is_string()) {
    q.unit = std::string(unit->string_value());
  } else if (code != nullptr && code->is_string()) {
    q.unit = std::string(code->string_value());
  }
  if (q.unit.empty()) q.unit = "1";
  return Item::Qty(std::move(q));
}

std::optional<Item> FromString(std::string_view s, ItemKind kind) {
  switch (kind) {
    case ItemKind::kDate: {
      auto t = Temporal::ParseDate(s);
      if (!t) t = Temporal::ParseDateTime(s);
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    case ItemKind::kDateTime: {
      auto t = Temporal::ParseDateTime(s);
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    case ItemKind::kTime: {
      auto t = Temporal::ParseTime(s);
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    case ItemKind::kDecimal:
    case ItemKind::kInteger:
      return NumberItem(s, kind == ItemKind::kInteger);
    case ItemKind::kBoolean:
      if (s == "true") return Item::Boolean(true);
      if (s == "false") return Item::Boolean(false);
      return std::nullopt;
    default:
      return Item::String(std::string(s));
  }
}

}  // namespace

std::optional<Item> ToSystem(const Item& item) {
  if (!item.is_node()) return item;
  const NodeRef& n = item.node();
  if (n.value == nullptr) return std::nullopt;
  const json::Value& v = *n.value;
  std::optional<ItemKind> kind = SystemKindOfFhirPrimitive(n.type);
  switch (v.kind()) {
    case json::Kind::kBool:
      return Item::Boolean(v.bool_value());
    case json::Kind::kNumber:
      if (kind == ItemKind::kDecimal) return NumberItem(v.number_text(), false);
      if (kind == ItemKind::kInteger) return NumberItem(v.number_text(), true);
      return NumberItem(v.number_text(), v.number_text().find_first_of(".eE") ==
                                             std::string_view::npos);
    case json::Kind::kString:
      if (kind) return FromString(v.string_value(), *kind);
      return Item::String(std::string(v.string_value()));
    case json::Kind::kObject:
      if (IsQuantityType(n.type)) return QuantityFromObject(v);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<std::string_view> StringValue(const Item& item) {
  if (item.kind() == ItemKind::kString) return std::string_view(item.string());
  if (!item.is_node()) return std::nullopt;
  const NodeRef& n = item.node();
  if (n.value == nullptr || !n.value->is_string()) return std::nullopt;
  auto kind = SystemKindOfFhirPrimitive(n.type);
  if (kind && *kind != ItemKind::kString) return std::nullopt;
  return n.value->string_value();
}

std::string_view OutputTypeName(const Item& item) {
  switch (item.kind()) {
    case ItemKind::kBoolean: return "boolean";
    case ItemKind::kInteger: return "integer";
    case ItemKind::kDecimal: return "decimal";
    case ItemKind::kString: return "string";
    case ItemKind::kDate: return "date";
    case ItemKind::kDateTime: return "dateTime";
    case ItemKind::kTime: return "time";
    case ItemKind::kQuantity: return "Quantity";
    case ItemKind::kNode: break;
  }
  std::string_view t = item.node().type;
  if (t.empty()) {
    const json::Value* v = item.node().value;
    if (v == nullptr) return "Element";
    switch (v->kind()) {
      case json::Kind::kString: return "string";
      case json::Kind::kBool: return "boolean";
      case json::Kind::kNumber:
        return v->number_text().find_first_of(".eE") == std::string_view::npos ? "integer"
                                                                                 : "decimal";
      default: return "Element";
    }
  }
  if (t.find('.') != std::string_view::npos) return "BackboneElement";
  return t;
}

std::optional<std::string> ToText(const Item& in) {
  std::optional<Item> s = ToSystem(in);
  if (!s) return std::nullopt;
  const Item& item = *s;
  switch (item.kind()) {
    case ItemKind::kBoolean: return std::string(item.boolean() ? "true" : "false");
    case ItemKind::kInteger: return std::to_string(item.integer());
    case ItemKind::kDecimal: return item.decimal().ToString();
    case ItemKind::kString: return item.string();
    case ItemKind::kDate:
    case ItemKind::kDateTime:
    case ItemKind::kTime: return item.temporal().ToString();
    case ItemKind::kQuantity: return item.quantity().ToString();
    case ItemKind::kNode: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace gw::fhirpath
