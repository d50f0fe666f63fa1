#include "gateway/core/fhirpath/static_check.h"

#include <string>
#include <vector>

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/fhirpath/function_registry.h"

namespace gw::fhirpath {
namespace {

// What is statically known about the values an expression yields.
struct SType {
  enum Kind { kUnknown, kFhir, kSystem } kind = kUnknown;
  std::vector<std::string> fhir;  // possible FHIR type keys (kFhir)
  ItemKind system = ItemKind::kBoolean;
  bool many = false;       // certainly more than one item (union of literals)
  bool unordered = false;  // produced by children()/descendants()
  static SType System(ItemKind k) {
    SType t;
    t.kind = kSystem;
    t.system = k;
    return t;
  }
};

bool IsStringFunction(std::string_view n) {
  static constexpr std::string_view kNames[] = {
      "startsWith", "endsWith", "contains", "matches", "replace", "replaceMatches", "substring",
      "indexOf",    "upper",    "lower",    "length",  "toChars", "trim",           "split"};
  for (auto k : kNames) {
    if (k == n) return true;
  }
  return false;
}

bool IsOrderedFunction(std::string_view n) {
  return n == "skip" || n == "take" || n == "first" || n == "last" || n == "tail";
}

bool IsPassThrough(std::string_view n) {
  static constexpr std::string_view kNames[] = {"where", "first", "last", "single", "tail",
                                                "skip", "take", "distinct", "trace",
                                                "intersect", "exclude"};
  for (auto k : kNames) {
    if (k == n) return true;
  }
  return false;
}

bool IsTemporal(ItemKind k) {
  return k == ItemKind::kDate || k == ItemKind::kDateTime || k == ItemKind::kTime;
}

class Checker {
 public:
  Checker(const model::TypeModel& m, bool strict) : m_(m), strict_(strict) {}

  Status Check(const Node& n, const SType& input, SType* out) {
    *out = SType();
    switch (n.kind) {
      case NodeKind::kLiteral:
        if (n.literal.size() == 1 && !n.literal[0].is_node()) {
          *out = SType::System(n.literal[0].kind());
        }
        return Status::Ok();
      case NodeKind::kThis:
        *out = input;
        out->many = false;
        return Status::Ok();
      case NodeKind::kMember: return Member(n, input, out);
      case NodeKind::kFunction: return Function(n, input, out);
      case NodeKind::kTypeOp: return TypeOp(n, input, out);
      case NodeKind::kIndexer: {
        SType base, idx;
        GW_RETURN_IF_ERROR(Check(*n.focus, input, &base));
        GW_RETURN_IF_ERROR(Check(*n.args[0], input, &idx));
        if (strict_ && base.unordered) {
          return SemanticError("indexing an unordered collection");
        }
        *out = base;
        out->many = false;
        return Status::Ok();
      }
      case NodeKind::kUnary: {
        SType v;
        GW_RETURN_IF_ERROR(Check(*n.focus, input, &v));
        return Status::Ok();
      }
      case NodeKind::kBinary: return Binary(n, input, out);
      default: return Status::Ok();
    }
  }

 private:
  std::vector<std::string> TypesOf(const model::ChildInfo& c) {
    if (!c.content_key.empty()) return {c.content_key};
    return c.types;
  }

  // A JSON name of a choice element used as a path step ("valueQuantity").
  bool IsChoiceJsonName(std::string_view type, std::string_view name) {
    const auto* children = m_.Children(type);
    if (children == nullptr) return false;
    for (const auto& c : *children) {
      if (c.choice && name.size() > c.name.size() && name.substr(0, c.name.size()) == c.name) {
        return true;
      }
    }
    return false;
  }

  Status Member(const Node& n, const SType& input, SType* out) {
    SType base = input;
    if (n.focus) GW_RETURN_IF_ERROR(Check(*n.focus, input, &base));
    if (base.kind != SType::kFhir) return Status::Ok();
    SType r;
    r.kind = SType::kFhir;
    bool found = false;
    for (const std::string& t : base.fhir) {
      if (n.upper_start && m_.IsA(t, n.name)) {
        r.fhir.push_back(t);
        found = true;
        continue;
      }
      if (const model::ChildInfo* c = m_.FindChild(t, n.name)) {
        for (auto& ct : TypesOf(*c)) r.fhir.push_back(ct);
        found = true;
      } else if (IsChoiceJsonName(t, n.name)) {
        return SemanticError("'" + n.name + "' is not an element of " + t +
                             "; use the choice element with ofType()");
      }
    }
    if (!found) {
      if (strict_ || (n.upper_start && !n.focus && m_.HasType(n.name))) {
        if (strict_) return SemanticError("'" + n.name + "' is not an element of the input");
      }
      return Status::Ok();
    }
    for (const auto& t : r.fhir) {
      if (t == "Resource" || t == "DomainResource") return Status::Ok();  // refined at run time
    }
    *out = std::move(r);
    return Status::Ok();
  }

  SType Named(const TypeSpec& t) {
    if (t.ns != "System" && m_.HasType(t.name)) {
      SType r;
      r.kind = SType::kFhir;
      r.fhir.push_back(t.name);
      return r;
    }
    return {};
  }

  Status TypeOp(const Node& n, const SType& input, SType* out) {
    SType v;
    GW_RETURN_IF_ERROR(Check(*n.focus, input, &v));
    *out = n.op == Op::kIs ? SType::System(ItemKind::kBoolean) : Named(n.type);
    return Status::Ok();
  }

  Status Function(const Node& n, const SType& input, SType* out) {
    SType base = input;
    if (n.focus) GW_RETURN_IF_ERROR(Check(*n.focus, input, &base));
    const FunctionDef* fn = n.fn;
    std::vector<SType> args(n.args.size());
    for (std::size_t i = 0; fn != nullptr && !fn->type_arg && i < n.args.size(); ++i) {
      bool lazy = (fn->lazy_args & (1u << i)) != 0;
      SType arg_input = lazy ? base : SType();
      if (lazy) arg_input.many = false;
      GW_RETURN_IF_ERROR(Check(*n.args[i], arg_input, &args[i]));
    }
    const std::string& name = n.name;
    if (IsStringFunction(name) && base.kind == SType::kFhir) {
      bool any_primitive = false;
      for (const auto& t : base.fhir) any_primitive |= m_.Primitive(t) != nullptr;
      if (!any_primitive) return SemanticError(name + "() needs a string input");
    }
    if (strict_ && base.unordered && IsOrderedFunction(name)) {
      return SemanticError(name + "() on an unordered collection");
    }
    if (name == "iif" && !args.empty()) {
      if (args[0].many) return SemanticError("iif() criterion must be a single Boolean");
      if (strict_ && args[0].kind == SType::kSystem && args[0].system != ItemKind::kBoolean) {
        return SemanticError("iif() criterion must be a Boolean");
      }
    }
    if (IsPassThrough(name)) {
      *out = base;
      out->many = false;
    } else if (name == "ofType" || name == "as") {
      *out = Named(n.type);
    } else if (name == "children" || name == "descendants") {
      out->kind = SType::kUnknown;
      out->unordered = true;
    }
    return Status::Ok();
  }

  Status Binary(const Node& n, const SType& input, SType* out) {
    SType a, b;
    GW_RETURN_IF_ERROR(Check(*n.focus, input, &a));
    GW_RETURN_IF_ERROR(Check(*n.rhs, input, &b));
    if (n.op == Op::kUnion) {
      if (a.kind == SType::kSystem && b.kind == SType::kSystem) {
        *out = a;
        out->many = true;
      }
      return Status::Ok();
    }
    if ((n.op == Op::kAdd || n.op == Op::kSub) && a.kind == SType::kSystem &&
        b.kind == SType::kSystem && IsTemporal(a.system) &&
        (b.system == ItemKind::kInteger || b.system == ItemKind::kDecimal)) {
      return SemanticError("cannot add a number to a date/time; use a quantity");
    }
    return Status::Ok();
  }

  const model::TypeModel& m_;
  bool strict_;
};

}  // namespace

Status StaticCheck(const Node& root, const model::TypeModel& model, std::string_view context_type,
                   bool strict) {
  if (!model.HasType(context_type)) return Status::Ok();
  SType input;
  input.kind = SType::kFhir;
  input.fhir.emplace_back(context_type);
  SType out;
  return Checker(model, strict).Check(root, input, &out);
}

}  // namespace gw::fhirpath
