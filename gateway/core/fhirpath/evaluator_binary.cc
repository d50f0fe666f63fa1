// Binary operators of the evaluator: logic, equality, ordering, membership, union, arithmetic.
#include <string>

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/fhirpath/operators.h"

namespace gw::fhirpath {
namespace {

void PushBool(std::optional<bool> b, Collection* out) {
  if (b) out->push_back(Item::Boolean(*b));
}

std::optional<bool> Logic(Op op, std::optional<bool> a, std::optional<bool> b) {
  switch (op) {
    case Op::kAnd:
      if (a == false || b == false) return false;
      if (a && b) return true;
      return std::nullopt;
    case Op::kOr:
      if (a == true || b == true) return true;
      if (a && b) return false;
      return std::nullopt;
    case Op::kXor:
      if (a && b) return *a != *b;
      return std::nullopt;
    case Op::kImplies:
      if (a == false) return true;
      if (a == true) return b;
      if (b == true) return true;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

bool IsLogic(Op op) {
  return op == Op::kAnd || op == Op::kOr || op == Op::kXor || op == Op::kImplies;
}

// Appends the items of `src` not already in `out` (FHIRPath '=' semantics).
void AddDistinct(const Collection& src, Collection* out) {
  for (const Item& x : src) {
    bool dup = false;
    for (const Item& y : *out) {
      if (ItemsEqual(x, y).value_or(false)) {
        dup = true;
        break;
      }
    }
    if (!dup) out->push_back(x);
  }
}

Status Membership(const Collection& needle, const Collection& hay, const char* op,
                  Collection* out) {
  if (needle.empty()) return Status::Ok();
  if (needle.size() > 1) {
    return ExecutionError(std::string("'") + op + "' needs a single item to look for");
  }
  for (const Item& y : hay) {
    if (ItemsEqual(needle[0], y).value_or(false)) {
      out->push_back(Item::Boolean(true));
      return Status::Ok();
    }
  }
  out->push_back(Item::Boolean(false));
  return Status::Ok();
}

Status Ordering(Op op, const Collection& a, const Collection& b, Collection* out) {
  if (a.empty() || b.empty()) return Status::Ok();
  if (a.size() > 1 || b.size() > 1) {
    return ExecutionError(std::string("'") + OpName(op) + "' needs single items");
  }
  std::optional<int> c;
  GW_RETURN_IF_ERROR(CompareItems(a[0], b[0], &c));
  if (!c) return Status::Ok();
  bool r = op == Op::kLt ? *c < 0 : op == Op::kLe ? *c <= 0 : op == Op::kGt ? *c > 0 : *c >= 0;
  out->push_back(Item::Boolean(r));
  return Status::Ok();
}

Status Concat(const Collection& a, const Collection& b, Collection* out) {
  std::optional<std::string> sa, sb;
  GW_RETURN_IF_ERROR(SingletonString(a, "'&' operand", &sa));
  GW_RETURN_IF_ERROR(SingletonString(b, "'&' operand", &sb));
  out->push_back(Item::String(sa.value_or("") + sb.value_or("")));
  return Status::Ok();
}

Status ArithmeticOp(Op op, const Collection& a, const Collection& b, Collection* out) {
  if (a.size() > 1 || b.size() > 1) {
    return ExecutionError(std::string("'") + OpName(op) + "' needs single items");
  }
  if (a.empty() || b.empty()) return Status::Ok();
  std::optional<Item> r;
  GW_RETURN_IF_ERROR(Arithmetic(op, a[0], b[0], &r));
  if (r) out->push_back(std::move(*r));
  return Status::Ok();
}

}  // namespace

Status Evaluator::EvalBinary(const Node& n, const Collection& input, const Frame& f,
                             Collection* out) {
  Collection a, b;
  GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &a));
  if (IsLogic(n.op)) {
    std::optional<bool> x, y;
    GW_RETURN_IF_ERROR(SingletonBoolean(a, OpName(n.op), &x));
    // Short cut where the right side cannot change the answer.
    if ((n.op == Op::kAnd && x == false) || (n.op == Op::kOr && x == true)) {
      PushBool(x, out);
      return Status::Ok();
    }
    if (n.op == Op::kImplies && x == false) {
      PushBool(true, out);
      return Status::Ok();
    }
    GW_RETURN_IF_ERROR(Eval(*n.rhs, input, f, &b));
    GW_RETURN_IF_ERROR(SingletonBoolean(b, OpName(n.op), &y));
    PushBool(Logic(n.op, x, y), out);
    return Status::Ok();
  }
  GW_RETURN_IF_ERROR(Eval(*n.rhs, input, f, &b));
  switch (n.op) {
    case Op::kUnion: {
      Collection u;
      AddDistinct(a, &u);
      AddDistinct(b, &u);
      GW_RETURN_IF_ERROR(Charge(a.size() * b.size() / 8));
      out->insert(out->end(), u.begin(), u.end());
      return CheckSize(*out);
    }
    case Op::kEq: PushBool(CollectionsEqual(a, b), out); return Status::Ok();
    case Op::kNe: {
      auto e = CollectionsEqual(a, b);
      PushBool(e ? std::optional<bool>(!*e) : std::nullopt, out);
      return Status::Ok();
    }
    case Op::kEquiv: PushBool(CollectionsEquivalent(a, b), out); return Status::Ok();
    case Op::kNotEquiv: PushBool(!CollectionsEquivalent(a, b), out); return Status::Ok();
    case Op::kIn: return Membership(a, b, "in", out);
    case Op::kContains: return Membership(b, a, "contains", out);
    case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: return Ordering(n.op, a, b, out);
    case Op::kConcat: return Concat(a, b, out);
    default: return ArithmeticOp(n.op, a, b, out);
  }
}

// ---- helpers shared with the function families ----

Status SingletonValue(const Collection& c, std::string_view what, std::optional<Item>* out) {
  *out = std::nullopt;
  if (c.empty()) return Status::Ok();
  if (c.size() > 1) {
    return ExecutionError(std::string(what) + " expects a single item but got " +
                          std::to_string(c.size()));
  }
  *out = ToSystem(c[0]);
  if (!*out) return ExecutionError(std::string(what) + " expects a primitive value");
  return Status::Ok();
}

Status SingletonString(const Collection& c, std::string_view what,
                       std::optional<std::string>* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(SingletonValue(c, what, &v));
  *out = std::nullopt;
  if (!v) return Status::Ok();
  if (v->kind() != ItemKind::kString) {
    return ExecutionError(std::string(what) + " expects a String, not " +
                          ItemKindName(v->kind()));
  }
  *out = v->string();
  return Status::Ok();
}

Status SingletonInteger(const Collection& c, std::string_view what,
                        std::optional<std::int64_t>* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(SingletonValue(c, what, &v));
  *out = std::nullopt;
  if (!v) return Status::Ok();
  if (v->kind() != ItemKind::kInteger) {
    return ExecutionError(std::string(what) + " expects an Integer, not " +
                          ItemKindName(v->kind()));
  }
  *out = v->integer();
  return Status::Ok();
}

Status SingletonBoolean(const Collection& c, std::string_view what, std::optional<bool>* out) {
  *out = std::nullopt;
  if (c.empty()) return Status::Ok();
  if (c.size() > 1) {
    return ExecutionError(std::string(what) + " expects a single Boolean but got " +
                          std::to_string(c.size()) + " items");
  }
  const Item& i = c[0];
  if (i.kind() == ItemKind::kBoolean) {
    *out = i.boolean();
  } else if (i.is_node() && i.node().value != nullptr && i.node().value->is_bool()) {
    *out = i.node().value->bool_value();
  } else {
    *out = true;
  }
  return Status::Ok();
}

Status CallContext::EvalLazy(int i, const Item& item, std::int64_t index, Collection* out,
                             const Collection* total) {
  Collection one;
  one.push_back(item);
  Frame f{&one, index, total != nullptr ? total : frame_.total};
  return ev_.Eval(*node_.args[i], one, f, out);
}

Status CallContext::EvalWith(int i, const Collection& input, Collection* out) {
  return ev_.Eval(*node_.args[i], input, frame_, out);
}

}  // namespace gw::fhirpath
