#include "gateway/core/fhirpath/evaluator.h"

#include <string>

#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/fhirpath/operators.h"
#include "gateway/core/fhirpath/type_ops.h"

namespace gw::fhirpath {

Status ExecutionError(std::string_view message) {
  return InvalidArgument("execution error: " + std::string(message));
}
Status SemanticError(std::string_view message) {
  return InvalidArgument("semantic error: " + std::string(message));
}

Status Evaluator::Charge(std::size_t n) {
  steps_ += n;
  if (steps_ > ctx_.limits.max_steps) {
    return ResourceExhausted("execution error: evaluation exceeded its work budget");
  }
  return Status::Ok();
}

Status Evaluator::CheckSize(const Collection& c) const {
  if (c.size() > ctx_.limits.max_collection) {
    return ResourceExhausted("execution error: collection exceeds " +
                             std::to_string(ctx_.limits.max_collection) + " items");
  }
  return Status::Ok();
}

namespace {

struct DepthGuard {
  explicit DepthGuard(int* d) : d_(d) { ++*d_; }
  ~DepthGuard() { --*d_; }
  int* d_;
};

bool TypeNameMatches(const Item& item, std::string_view name, const model::TypeModel* model) {
  std::string_view type = item.node().type;
  if (type == name) return true;
  if (type.empty() && item.node().value != nullptr) {
    return ResourceTypeOf(*item.node().value) == name;
  }
  return model != nullptr && model->IsA(type, name);
}

}  // namespace

Status Evaluator::Eval(const Node& n, const Collection& input, const Frame& f, Collection* out) {
  DepthGuard g(&depth_);
  if (depth_ > ctx_.limits.max_depth) {
    return ResourceExhausted("execution error: evaluation nests too deeply");
  }
  GW_RETURN_IF_ERROR(Charge(1 + input.size()));
  switch (n.kind) {
    case NodeKind::kLiteral:
      out->insert(out->end(), n.literal.begin(), n.literal.end());
      return Status::Ok();
    case NodeKind::kMember:
      if (n.focus) {
        Collection focus;
        GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &focus));
        return EvalMember(n, focus, out);
      }
      return EvalMember(n, input, out);
    case NodeKind::kFunction:
      if (n.focus) {
        Collection focus;
        GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &focus));
        return EvalFunction(n, focus, f, out);
      }
      return EvalFunction(n, input, f, out);
    case NodeKind::kThis:
      if (f.this_coll != nullptr) out->insert(out->end(), f.this_coll->begin(), f.this_coll->end());
      return Status::Ok();
    case NodeKind::kIndex:
      if (f.index >= 0) out->push_back(Item::Integer(f.index));
      return Status::Ok();
    case NodeKind::kTotal:
      if (f.total != nullptr) out->insert(out->end(), f.total->begin(), f.total->end());
      return Status::Ok();
    case NodeKind::kVariable:
      return EvalVariable(n, f, out);
    case NodeKind::kIndexer:
      return EvalIndexer(n, input, f, out);
    case NodeKind::kUnary:
      return EvalUnary(n, input, f, out);
    case NodeKind::kBinary:
      return EvalBinary(n, input, f, out);
    case NodeKind::kTypeOp:
      return EvalTypeOp(n, input, f, out);
    case NodeKind::kError:
      return ExecutionError(n.name);
  }
  return Internal("unknown node kind");
}

Status Evaluator::EvalMember(const Node& n, const Collection& input, Collection* out) {
  for (const Item& item : input) {
    if (!item.is_node()) continue;
    if (n.upper_start && TypeNameMatches(item, n.name, ctx_.model)) {
      out->push_back(item);
      continue;
    }
    ChildrenNamed(item.node(), n.name, ctx_.model, out);
  }
  GW_RETURN_IF_ERROR(Charge(out->size()));
  return CheckSize(*out);
}

Status Evaluator::EvalFunction(const Node& n, const Collection& input, const Frame& f,
                               Collection* out) {
  const FunctionDef* fn = n.fn;
  if (fn == nullptr) return Internal("function " + n.name + " was not resolved");
  CallContext call(*this, n, f);
  static const Collection kEmpty;
  const Collection& this_coll = f.this_coll != nullptr ? *f.this_coll : kEmpty;
  for (std::size_t i = 0; i < n.args.size() && i < CallContext::kMaxArgs; ++i) {
    if (fn->type_arg || (fn->lazy_args & (1u << i)) != 0) continue;
    GW_RETURN_IF_ERROR(Eval(*n.args[i], this_coll, f, call.mutable_arg(static_cast<int>(i))));
  }
  GW_RETURN_IF_ERROR(fn->impl(call, input, out));
  return CheckSize(*out);
}

Status Evaluator::EvalVariable(const Node& n, const Frame& f, Collection* out) {
  const std::string& name = n.name;
  auto it = ctx_.variables.find(name);
  if (it != ctx_.variables.end()) {
    out->insert(out->end(), it->second.begin(), it->second.end());
    return Status::Ok();
  }
  auto add_resource = [&](const json::Value* v) {
    if (v != nullptr) out->push_back(Item::Node(ResourceNode(*v)));
  };
  if (name == "resource") {
    add_resource(ctx_.resource);
  } else if (name == "rootResource") {
    add_resource(ctx_.root_resource != nullptr ? ctx_.root_resource : ctx_.resource);
  } else if (name == "context") {
    out->insert(out->end(), ctx_.input.begin(), ctx_.input.end());
  } else if (name == "ucum") {
    out->push_back(Item::String("http://unitsofmeasure.org"));
  } else if (name == "sct") {
    out->push_back(Item::String("http://snomed.info/sct"));
  } else if (name == "loinc") {
    out->push_back(Item::String("http://loinc.org"));
  } else if (name.rfind("vs-", 0) == 0) {
    out->push_back(Item::String("http://hl7.org/fhir/ValueSet/" + name.substr(3)));
  } else if (name.rfind("ext-", 0) == 0) {
    out->push_back(Item::String("http://hl7.org/fhir/StructureDefinition/" + name.substr(4)));
  } else {
    return ExecutionError("unknown variable %" + name);
  }
  return Status::Ok();
}

Status Evaluator::EvalIndexer(const Node& n, const Collection& input, const Frame& f,
                              Collection* out) {
  Collection base, index;
  GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &base));
  static const Collection kEmpty;
  GW_RETURN_IF_ERROR(Eval(*n.args[0], f.this_coll ? *f.this_coll : kEmpty, f, &index));
  std::optional<std::int64_t> i;
  GW_RETURN_IF_ERROR(SingletonInteger(index, "indexer", &i));
  if (i && *i >= 0 && static_cast<std::size_t>(*i) < base.size()) out->push_back(base[*i]);
  return Status::Ok();
}

Status Evaluator::EvalUnary(const Node& n, const Collection& input, const Frame& f,
                            Collection* out) {
  Collection v;
  GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &v));
  std::optional<Item> s;
  GW_RETURN_IF_ERROR(SingletonValue(v, "unary operand", &s));
  if (!s) return Status::Ok();
  switch (s->kind()) {
    case ItemKind::kInteger:
      out->push_back(n.op == Op::kMinus ? Item::Integer(-s->integer()) : *s);
      return Status::Ok();
    case ItemKind::kDecimal:
      out->push_back(n.op == Op::kMinus ? Item::Dec(s->decimal().Negate()) : *s);
      return Status::Ok();
    case ItemKind::kQuantity: {
      Quantity q = s->quantity();
      if (n.op == Op::kMinus) q.value = q.value.Negate();
      out->push_back(Item::Qty(std::move(q)));
      return Status::Ok();
    }
    default:
      return ExecutionError(std::string("unary ") + OpName(n.op) + " needs a number or quantity");
  }
}

Status Evaluator::EvalTypeOp(const Node& n, const Collection& input, const Frame& f,
                             Collection* out) {
  Collection v;
  GW_RETURN_IF_ERROR(Eval(*n.focus, input, f, &v));
  GW_RETURN_IF_ERROR(CheckTypeKnown(n.type, ctx_.model));
  if (v.empty()) return Status::Ok();
  if (v.size() > 1) {
    return ExecutionError(std::string("'") + OpName(n.op) + "' needs a single item");
  }
  bool match = ItemIsType(v[0], n.type, ctx_.model, n.op == Op::kAs);
  if (n.op == Op::kIs) {
    out->push_back(Item::Boolean(match));
  } else if (match) {
    out->push_back(v[0]);
  }
  return Status::Ok();
}

}  // namespace gw::fhirpath
