// Item and Collection: the values a FHIRPath expression produces.
//
// An Item is either a System primitive (Boolean, Integer, Decimal, String, Date, DateTime, Time,
// Quantity) or a FHIR node: a pointer into a gw::json::Value tree, the primitive-extension
// sibling ("_name") when there is one, and the node's FHIR type key ("HumanName", "code",
// "Patient.contact"; empty when unknown). FHIR primitive nodes convert implicitly to System
// values (ToSystem()).
// Lifetimes: node items point into the JSON tree and type keys point into the TypeModel (or
// static storage); both must outlive every Collection holding them.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/container/small_vector.hpp>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/fhirpath/quantity.h"
#include "gateway/core/fhirpath/temporal.h"
#include "gateway/core/json/value.h"

namespace gw::model {
class TypeModel;
}

namespace gw::fhirpath {

// A node of the FHIR resource tree. `value` may be null when only "_name" exists.
struct NodeRef {
  const json::Value* value = nullptr;
  const json::Value* ext = nullptr;  // the "_name" object of a primitive, or null
  std::string_view type;             // FHIR type key, "" when unknown
  bool operator==(const NodeRef& o) const { return value == o.value && ext == o.ext; }
};

enum class ItemKind : std::uint8_t {
  kBoolean,
  kInteger,
  kDecimal,
  kString,
  kDate,
  kDateTime,
  kTime,
  kQuantity,
  kNode,
};

// "Boolean", "Integer", ... "Node".
const char* ItemKindName(ItemKind k);

class Item {
 public:
  Item() : v_(false) {}
  static Item Boolean(bool b) { return Item(V(std::in_place_index<0>, b)); }
  static Item Integer(std::int64_t i) { return Item(V(std::in_place_index<1>, i)); }
  static Item Dec(const Decimal& d) { return Item(V(std::in_place_index<2>, d)); }
  static Item String(std::string s) { return Item(V(std::in_place_index<3>, std::move(s))); }
  static Item Time(const Temporal& t) { return Item(V(std::in_place_index<4>, t)); }
  static Item Qty(Quantity q) { return Item(V(std::in_place_index<5>, std::move(q))); }
  static Item Node(const NodeRef& n) { return Item(V(std::in_place_index<6>, n)); }

  ItemKind kind() const;
  bool is_node() const { return v_.index() == 6; }

  // Accessors valid only for the matching kind.
  bool boolean() const { return std::get<0>(v_); }
  std::int64_t integer() const { return std::get<1>(v_); }
  const Decimal& decimal() const { return std::get<2>(v_); }
  const std::string& string() const { return std::get<3>(v_); }
  const Temporal& temporal() const { return std::get<4>(v_); }
  const Quantity& quantity() const { return std::get<5>(v_); }
  const NodeRef& node() const { return std::get<6>(v_); }

 private:
  using V = std::variant<bool, std::int64_t, Decimal, std::string, Temporal, Quantity, NodeRef>;
  explicit Item(V v) : v_(std::move(v)) {}
  V v_;
};

using Collection = boost::container::small_vector<Item, 2>;

// FHIR primitive types whose JSON value is a number/bool/string and their System mapping.
// Returns the System kind of FHIR primitive `type` ("code" → kString, "instant" → kDateTime),
// nullopt for non-primitive or unknown type names.
std::optional<ItemKind> SystemKindOfFhirPrimitive(std::string_view type);

// True when `type` is a FHIR Quantity type (Quantity, SimpleQuantity, Age, Count, Distance,
// Duration, MoneyQuantity).
bool IsQuantityType(std::string_view type);

// Converts a FHIR node to its System value: primitives by their declared type (or by JSON kind
// when the type is unknown), Quantity-typed objects to Quantity. Non-node items are returned
// unchanged. nullopt when the node has no convertible value (object, missing value, bad
// lexical form).
std::optional<Item> ToSystem(const Item& item);

// For String items and string-valued nodes: the text (a view into the item or the tree).
std::optional<std::string_view> StringValue(const Item& item);

// The type name used in outputs: FHIR nodes → their FHIR type ("BackboneElement" for backbone
// keys, "Element" when unknown), System values → "boolean", "integer", "decimal", "string",
// "date", "dateTime", "time", "Quantity".
std::string_view OutputTypeName(const Item& item);

// The FHIRPath string form of a System value (toString()); nullopt for non-primitive nodes.
std::optional<std::string> ToText(const Item& item);

}  // namespace gw::fhirpath
