#include "gateway/core/fhirpath/operators.h"

#include <cctype>
#include <string>
#include <vector>

#include "gateway/core/fhirpath/evaluator.h"

namespace gw::fhirpath {
namespace {

bool IsNumber(ItemKind k) { return k == ItemKind::kInteger || k == ItemKind::kDecimal; }
bool IsTemporal(ItemKind k) {
  return k == ItemKind::kDate || k == ItemKind::kDateTime || k == ItemKind::kTime;
}

Decimal AsDecimal(const Item& i) {
  return i.kind() == ItemKind::kInteger ? Decimal::FromInt(i.integer()) : i.decimal();
}

bool IsObjectNode(const Item& i) {
  return i.is_node() && (i.node().value == nullptr || i.node().value->is_object()) &&
         !IsQuantityType(i.node().type);
}

// A string from an untyped node compared with a temporal value is read as a temporal.
std::optional<Item> Coerce(const Item& original, const Item& sys, ItemKind other) {
  if (sys.kind() == ItemKind::kString && IsTemporal(other) && original.is_node() &&
      original.node().type.empty()) {
    auto t = Temporal::ParseAny(sys.string());
    if (t) return Item::Time(*t);
  }
  return sys;
}

bool PrepareSystem(const Item& a, const Item& b, std::optional<Item>* sa,
                   std::optional<Item>* sb) {
  *sa = ToSystem(a);
  *sb = ToSystem(b);
  if (!*sa || !*sb) return false;
  *sa = Coerce(a, **sa, (*sb)->kind());
  *sb = Coerce(b, **sb, (*sa)->kind());
  return true;
}

std::string NormalizeSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

std::optional<bool> ItemsEqual(const Item& a, const Item& b) {
  if (IsObjectNode(a) || IsObjectNode(b)) {
    if (!IsObjectNode(a) || !IsObjectNode(b)) return false;
    const NodeRef& na = a.node();
    const NodeRef& nb = b.node();
    if (na.value == nb.value) return true;
    if (na.value == nullptr || nb.value == nullptr) return false;
    return *na.value == *nb.value;
  }
  std::optional<Item> sa, sb;
  if (!PrepareSystem(a, b, &sa, &sb)) return false;
  ItemKind ka = sa->kind(), kb = sb->kind();
  if (IsNumber(ka) && IsNumber(kb)) {
    if (ka == ItemKind::kInteger && kb == ItemKind::kInteger) {
      return sa->integer() == sb->integer();
    }
    return AsDecimal(*sa).Compare(AsDecimal(*sb)) == 0;
  }
  if (IsTemporal(ka) && IsTemporal(kb)) {
    if ((ka == ItemKind::kTime) != (kb == ItemKind::kTime)) return false;
    return Temporal::Equal(sa->temporal(), sb->temporal());
  }
  if (ka != kb) return false;
  switch (ka) {
    case ItemKind::kBoolean: return sa->boolean() == sb->boolean();
    case ItemKind::kString: return sa->string() == sb->string();
    case ItemKind::kQuantity: return Quantity::Equal(sa->quantity(), sb->quantity());
    default: return false;
  }
}

bool ItemsEquivalent(const Item& a, const Item& b) {
  if (IsObjectNode(a) || IsObjectNode(b)) return ItemsEqual(a, b).value_or(false);
  std::optional<Item> sa, sb;
  if (!PrepareSystem(a, b, &sa, &sb)) return false;
  ItemKind ka = sa->kind(), kb = sb->kind();
  if (IsNumber(ka) && IsNumber(kb)) return AsDecimal(*sa).EquivalentTo(AsDecimal(*sb));
  if (IsTemporal(ka) && IsTemporal(kb)) {
    if ((ka == ItemKind::kTime) != (kb == ItemKind::kTime)) return false;
    return Temporal::Equivalent(sa->temporal(), sb->temporal());
  }
  if (ka != kb) return false;
  switch (ka) {
    case ItemKind::kBoolean: return sa->boolean() == sb->boolean();
    case ItemKind::kString: return NormalizeSpaces(sa->string()) == NormalizeSpaces(sb->string());
    case ItemKind::kQuantity: return Quantity::Equivalent(sa->quantity(), sb->quantity());
    default: return false;
  }
}

std::optional<bool> CollectionsEqual(const Collection& a, const Collection& b) {
  if (a.empty() || b.empty()) return std::nullopt;
  if (a.size() != b.size()) return false;
  bool unknown = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::optional<bool> e = ItemsEqual(a[i], b[i]);
    if (!e) {
      unknown = true;
    } else if (!*e) {
      return false;
    }
  }
  if (unknown) return std::nullopt;
  return true;
}

bool CollectionsEquivalent(const Collection& a, const Collection& b) {
  if (a.empty() && b.empty()) return true;
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const Item& x : a) {
    bool found = false;
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (!used[j] && ItemsEquivalent(x, b[j])) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

Status CompareItems(const Item& a, const Item& b, std::optional<int>* out) {
  std::optional<Item> sa, sb;
  if (!PrepareSystem(a, b, &sa, &sb)) return ExecutionError("cannot compare these values");
  ItemKind ka = sa->kind(), kb = sb->kind();
  if (IsNumber(ka) && IsNumber(kb)) {
    *out = AsDecimal(*sa).Compare(AsDecimal(*sb));
    return Status::Ok();
  }
  if (IsTemporal(ka) && IsTemporal(kb)) {
    if ((ka == ItemKind::kTime) != (kb == ItemKind::kTime)) {
      return ExecutionError("cannot compare a time with a date");
    }
    *out = Temporal::Compare(sa->temporal(), sb->temporal());
    return Status::Ok();
  }
  if (ka == ItemKind::kString && kb == ItemKind::kString) {
    int c = sa->string().compare(sb->string());
    *out = c < 0 ? -1 : c > 0 ? 1 : 0;
    return Status::Ok();
  }
  if (ka == ItemKind::kQuantity && kb == ItemKind::kQuantity) {
    *out = Quantity::Compare(sa->quantity(), sb->quantity());
    return Status::Ok();
  }
  return ExecutionError(std::string("cannot compare ") + ItemKindName(ka) + " with " +
                        ItemKindName(kb));
}

namespace {

std::optional<Item> IntArith(Op op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  switch (op) {
    case Op::kAdd:
      if (__builtin_add_overflow(x, y, &r)) return std::nullopt;
      return Item::Integer(r);
    case Op::kSub:
      if (__builtin_sub_overflow(x, y, &r)) return std::nullopt;
      return Item::Integer(r);
    case Op::kMul:
      if (__builtin_mul_overflow(x, y, &r)) return std::nullopt;
      return Item::Integer(r);
    case Op::kIntDiv:
      if (y == 0 || (x == INT64_MIN && y == -1)) return std::nullopt;
      return Item::Integer(x / y);
    case Op::kMod:
      if (y == 0 || (x == INT64_MIN && y == -1)) return std::nullopt;
      return Item::Integer(x % y);
    default: {
      auto d = Decimal::FromInt(x).Div(Decimal::FromInt(y));
      if (!d) return std::nullopt;
      return Item::Dec(*d);
    }
  }
}

std::optional<Item> DecArith(Op op, const Decimal& x, const Decimal& y) {
  std::optional<Decimal> r;
  switch (op) {
    case Op::kAdd: r = x.Add(y); break;
    case Op::kSub: r = x.Sub(y); break;
    case Op::kMul: r = x.Mul(y); break;
    case Op::kDiv: r = x.Div(y); break;
    case Op::kMod: r = x.Mod(y); break;
    case Op::kIntDiv: {
      r = x.IntDiv(y);
      if (!r) return std::nullopt;
      auto i = r->ToInt64();
      if (!i) return std::nullopt;
      return Item::Integer(*i);
    }
    default: return std::nullopt;
  }
  if (!r) return std::nullopt;
  return Item::Dec(*r);
}

Status TemporalArith(Op op, const Temporal& t, const Quantity& q, std::optional<Item>* out) {
  if (q.unit == "a" || q.unit == "mo") {
    return ExecutionError("years and months must use calendar units, not '" + q.unit + "'");
  }
  std::optional<CalendarUnit> unit = ParseCalendarUnit(q.unit);
  if (!unit) return ExecutionError("'" + q.unit + "' is not a time unit");
  Decimal amount = op == Op::kSub ? q.value.Negate() : q.value;
  std::optional<Temporal> r = t.Add(amount, *unit);
  if (!r) {
    *out = std::nullopt;
    return Status::Ok();
  }
  *out = Item::Time(*r);
  return Status::Ok();
}

Quantity AsQuantity(const Item& i) {
  if (i.kind() == ItemKind::kQuantity) return i.quantity();
  Quantity q;
  q.value = AsDecimal(i);
  q.unit = "1";
  return q;
}

}  // namespace

Status Arithmetic(Op op, const Item& a, const Item& b, std::optional<Item>* out) {
  std::optional<Item> sa = ToSystem(a), sb = ToSystem(b);
  *out = std::nullopt;
  if (!sa || !sb) return ExecutionError(std::string("operator ") + OpName(op) +
                                        " needs primitive operands");
  ItemKind ka = sa->kind(), kb = sb->kind();
  if (ka == ItemKind::kInteger && kb == ItemKind::kInteger) {
    *out = IntArith(op, sa->integer(), sb->integer());
    return Status::Ok();
  }
  if (IsNumber(ka) && IsNumber(kb)) {
    *out = DecArith(op, AsDecimal(*sa), AsDecimal(*sb));
    return Status::Ok();
  }
  if (ka == ItemKind::kString && kb == ItemKind::kString && op == Op::kAdd) {
    *out = Item::String(sa->string() + sb->string());
    return Status::Ok();
  }
  if (IsTemporal(ka) && kb == ItemKind::kQuantity && (op == Op::kAdd || op == Op::kSub)) {
    return TemporalArith(op, sa->temporal(), sb->quantity(), out);
  }
  bool qa = ka == ItemKind::kQuantity, qb = kb == ItemKind::kQuantity;
  if ((qa || IsNumber(ka)) && (qb || IsNumber(kb)) && (qa || qb)) {
    Quantity x = AsQuantity(*sa), y = AsQuantity(*sb);
    std::optional<Quantity> r;
    switch (op) {
      case Op::kAdd: if (qa && qb) r = Quantity::Add(x, y); break;
      case Op::kSub: if (qa && qb) r = Quantity::Subtract(x, y); break;
      case Op::kMul: r = Quantity::Multiply(x, y); break;
      case Op::kDiv:
        if (y.value.is_zero()) return Status::Ok();
        r = Quantity::Divide(x, y);
        break;
      default: break;
    }
    if (r) *out = Item::Qty(std::move(*r));
    return Status::Ok();
  }
  return ExecutionError(std::string("operator ") + OpName(op) + " cannot combine " +
                        ItemKindName(ka) + " and " + ItemKindName(kb));
}

}  // namespace gw::fhirpath
