// Conversion: iif, toBoolean, toInteger, toDecimal, toString, toDate, toDateTime, toTime,
// toQuantity and the matching convertsTo… functions.
#include <cctype>

#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool IsIntegerText(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty() || s.size() > 19) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsDecimalText(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return IsIntegerText(s);
  return IsIntegerText(s.substr(0, dot)) && dot + 1 < s.size() &&
         IsIntegerText(s.substr(dot + 1)) && s[dot + 1] != '+' && s[dot + 1] != '-' &&
         s[0] != '+' && s[0] != '-';
}

std::optional<Decimal> ParseSignedDecimal(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  auto d = Decimal::Parse(s);
  if (d && neg) return d->Negate();
  return d;
}

using Converter = std::optional<Item> (*)(const Item& v);

std::optional<Item> ToBooleanValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kBoolean: return v;
    case ItemKind::kInteger:
      if (v.integer() == 1) return Item::Boolean(true);
      if (v.integer() == 0) return Item::Boolean(false);
      return std::nullopt;
    case ItemKind::kDecimal:
      if (v.decimal().Compare(Decimal::FromInt(1)) == 0) return Item::Boolean(true);
      if (v.decimal().is_zero()) return Item::Boolean(false);
      return std::nullopt;
    case ItemKind::kString: {
      std::string s = Lower(v.string());
      if (s == "true" || s == "t" || s == "yes" || s == "y" || s == "1" || s == "1.0") {
        return Item::Boolean(true);
      }
      if (s == "false" || s == "f" || s == "no" || s == "n" || s == "0" || s == "0.0") {
        return Item::Boolean(false);
      }
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToIntegerValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kInteger: return v;
    case ItemKind::kBoolean: return Item::Integer(v.boolean() ? 1 : 0);
    case ItemKind::kString: {
      if (!IsIntegerText(v.string())) return std::nullopt;
      auto d = ParseSignedDecimal(v.string());
      if (!d) return std::nullopt;
      auto i = d->ToInt64();
      if (!i) return std::nullopt;
      return Item::Integer(*i);
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToDecimalValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kDecimal: return v;
    case ItemKind::kInteger: return Item::Dec(Decimal::FromInt(v.integer()));
    case ItemKind::kBoolean: return Item::Dec(*Decimal::Parse(v.boolean() ? "1.0" : "0.0"));
    case ItemKind::kString: {
      if (!IsDecimalText(v.string())) return std::nullopt;
      auto d = ParseSignedDecimal(v.string());
      if (!d) return std::nullopt;
      return Item::Dec(*d);
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToStringValue(const Item& v) {
  auto s = ToText(v);
  if (!s) return std::nullopt;
  return Item::String(std::move(*s));
}

std::optional<Item> ToDateValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kDate: return v;
    case ItemKind::kDateTime: {
      Temporal t = v.temporal();
      t.kind = TemporalKind::kDate;
      if (t.precision > Precision::kDay) t.precision = Precision::kDay;
      t.tz_offset_minutes.reset();
      return Item::Time(t);
    }
    case ItemKind::kString: {
      auto t = Temporal::ParseDate(v.string());
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToDateTimeValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kDateTime: return v;
    case ItemKind::kDate: {
      Temporal t = v.temporal();
      t.kind = TemporalKind::kDateTime;
      return Item::Time(t);
    }
    case ItemKind::kString: {
      auto t = Temporal::ParseDateTime(v.string());
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToTimeValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kTime: return v;
    case ItemKind::kString: {
      std::string_view s = v.string();
      if (!s.empty() && s[0] == 'T') s.remove_prefix(1);
      auto t = Temporal::ParseTime(s);
      if (!t) return std::nullopt;
      return Item::Time(*t);
    }
    default: return std::nullopt;
  }
}

std::optional<Item> ToQuantityValue(const Item& v) {
  switch (v.kind()) {
    case ItemKind::kQuantity: return v;
    case ItemKind::kInteger:
    case ItemKind::kDecimal: {
      Quantity q;
      q.value = v.kind() == ItemKind::kInteger ? Decimal::FromInt(v.integer()) : v.decimal();
      return Item::Qty(std::move(q));
    }
    case ItemKind::kBoolean: {
      Quantity q;
      q.value = *Decimal::Parse(v.boolean() ? "1.0" : "0.0");
      return Item::Qty(std::move(q));
    }
    case ItemKind::kString: {
      auto q = Quantity::Parse(v.string());
      if (!q) return std::nullopt;
      return Item::Qty(std::move(*q));
    }
    default: return std::nullopt;
  }
}

Status Convert(CallContext& call, const Collection& in, Converter conv,
               std::optional<Item>* result) {
  std::optional<Item> v;
  *result = std::nullopt;
  if (in.size() > 1) {
    return ExecutionError(call.node().name + "() expects a single item but got " +
                          std::to_string(in.size()));
  }
  if (in.empty()) return Status::Ok();
  v = ToSystem(in[0]);
  if (!v) return Status::Ok();
  *result = conv(*v);
  return Status::Ok();
}

template <Converter C>
Status To(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> r;
  GW_RETURN_IF_ERROR(Convert(call, in, C, &r));
  if (r) out->push_back(std::move(*r));
  return Status::Ok();
}

template <Converter C>
Status ConvertsTo(CallContext& call, const Collection& in, Collection* out) {
  if (in.empty()) return Status::Ok();
  std::optional<Item> r;
  GW_RETURN_IF_ERROR(Convert(call, in, C, &r));
  fn::PushBool(r.has_value(), out);
  return Status::Ok();
}

Status QuantityWithUnit(CallContext& call, const Collection& in, std::optional<Item>* r) {
  GW_RETURN_IF_ERROR(Convert(call, in, ToQuantityValue, r));
  if (!*r || call.argc() == 0) return Status::Ok();
  std::optional<std::string> unit;
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), "toQuantity() unit", &unit));
  if (!unit) return Status::Ok();
  auto q = (*r)->quantity().ConvertTo(*unit);
  *r = q ? std::optional<Item>(Item::Qty(std::move(*q))) : std::nullopt;
  return Status::Ok();
}

Status ToQuantity(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> r;
  GW_RETURN_IF_ERROR(QuantityWithUnit(call, in, &r));
  if (r) out->push_back(std::move(*r));
  return Status::Ok();
}

Status ConvertsToQuantity(CallContext& call, const Collection& in, Collection* out) {
  if (in.empty()) return Status::Ok();
  std::optional<Item> r;
  GW_RETURN_IF_ERROR(QuantityWithUnit(call, in, &r));
  fn::PushBool(r.has_value(), out);
  return Status::Ok();
}

// iif(criterion, true-result [, otherwise-result]); all arguments are evaluated lazily with
// the (single) input item as $this.
Status Iif(CallContext& call, const Collection& in, Collection* out) {
  if (in.size() > 1) return ExecutionError("iif() expects at most one input item");
  auto eval = [&](int i, Collection* r) {
    // A term-level iif() keeps the caller's $this/$index; a focused one iterates its input.
    if (in.empty() || !call.node().focus) return call.EvalWith(i, in, r);
    return call.EvalLazy(i, in[0], 0, r);
  };
  Collection c;
  GW_RETURN_IF_ERROR(eval(0, &c));
  if (c.size() > 1) return ExecutionError("iif() criterion must be a single Boolean");
  std::optional<bool> b;
  if (c.size() == 1) {
    std::optional<Item> v = ToSystem(c[0]);
    if (!v || v->kind() != ItemKind::kBoolean) {
      return ExecutionError("iif() criterion must be a Boolean");
    }
    b = v->boolean();
  }
  if (b == true) return eval(1, out);
  if (call.argc() > 2) return eval(2, out);
  return Status::Ok();
}

}  // namespace

void RegisterConversionFunctions(FunctionRegistry* r) {
  r->Add(Def("iif", 2, 3, Iif, 0b111));
  r->Add(Def("toBoolean", 0, 0, To<ToBooleanValue>));
  r->Add(Def("convertsToBoolean", 0, 0, ConvertsTo<ToBooleanValue>));
  r->Add(Def("toInteger", 0, 0, To<ToIntegerValue>));
  r->Add(Def("convertsToInteger", 0, 0, ConvertsTo<ToIntegerValue>));
  r->Add(Def("toDecimal", 0, 0, To<ToDecimalValue>));
  r->Add(Def("convertsToDecimal", 0, 0, ConvertsTo<ToDecimalValue>));
  r->Add(Def("toString", 0, 0, To<ToStringValue>));
  r->Add(Def("convertsToString", 0, 0, ConvertsTo<ToStringValue>));
  r->Add(Def("toDate", 0, 0, To<ToDateValue>));
  r->Add(Def("convertsToDate", 0, 0, ConvertsTo<ToDateValue>));
  r->Add(Def("toDateTime", 0, 0, To<ToDateTimeValue>));
  r->Add(Def("convertsToDateTime", 0, 0, ConvertsTo<ToDateTimeValue>));
  r->Add(Def("toTime", 0, 0, To<ToTimeValue>));
  r->Add(Def("convertsToTime", 0, 0, ConvertsTo<ToTimeValue>));
  r->Add(Def("toQuantity", 0, 1, ToQuantity));
  r->Add(Def("convertsToQuantity", 0, 1, ConvertsToQuantity));
}

}  // namespace gw::fhirpath
