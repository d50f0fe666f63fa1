#include "gateway/core/fhirpath/engine.h"


#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/fhirpath/function_registry.h"
#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/fhirpath/parser.h"
#include "gateway/core/fhirpath/regex_util.h"
#include "gateway/core/fhirpath/static_check.h"

namespace gw::fhirpath {
namespace {

Status TypeArgument(Node* call) {
  const Node* a = call->args[0].get();
  if (a->kind == NodeKind::kMember && !a->focus) {
    call->type.name = a->name;
    return Status::Ok();
  }
  if (a->kind == NodeKind::kMember && a->focus && a->focus->kind == NodeKind::kMember &&
      !a->focus->focus) {
    call->type.ns = a->focus->name;
    call->type.name = a->name;
    return Status::Ok();
  }
  return SemanticError(call->name + "() expects a type name");
}

Status PrecompileRegex(Node* call) {
  if (call->args.empty() || call->args[0]->kind != NodeKind::kLiteral) return Status::Ok();
  const Collection& lit = call->args[0]->literal;
  if (lit.size() != 1 || lit[0].kind() != ItemKind::kString) return Status::Ok();
  const std::string& pattern = lit[0].string();
  return CompilePattern(pattern, "semantic", &call->regex);
}

Status Resolve(Node* n, const FunctionRegistry& registry) {
  if (n->focus) GW_RETURN_IF_ERROR(Resolve(n->focus.get(), registry));
  if (n->rhs) GW_RETURN_IF_ERROR(Resolve(n->rhs.get(), registry));
  if (n->kind == NodeKind::kFunction) {
    const FunctionDef* fn = registry.Find(n->name);
    if (fn == nullptr) return SemanticError("unknown function '" + n->name + "'");
    int argc = static_cast<int>(n->args.size());
    if (argc < fn->min_args || argc > fn->max_args) {
      return SemanticError("wrong number of arguments for " + n->name + "(): " +
                           std::to_string(argc));
    }
    n->fn = fn;
    if (fn->type_arg) return TypeArgument(n);
    if (n->name == "matches" || n->name == "replaceMatches" || n->name == "matchesFull") {
      GW_RETURN_IF_ERROR(PrecompileRegex(n));
    }
  }
  for (auto& a : n->args) GW_RETURN_IF_ERROR(Resolve(a.get(), registry));
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Expression>> Compile(std::string_view text,
                                                  const CompileOptions& options) {
  if (text.size() > options.max_length) {
    return ResourceExhausted("syntax error at 0: expression longer than " +
                             std::to_string(options.max_length) + " bytes");
  }
  auto root = Parse(text, options.max_depth);
  if (!root.ok()) return root.status();
  const FunctionRegistry& registry =
      options.functions != nullptr ? *options.functions : BuiltinFunctions();
  GW_RETURN_IF_ERROR(Resolve(root->get(), registry));
  if (options.model != nullptr && !options.context_type.empty()) {
    GW_RETURN_IF_ERROR(StaticCheck(**root, *options.model, options.context_type,
                                   options.strict));
  }
  return std::shared_ptr<const Expression>(
      std::make_shared<Expression>(std::string(text), std::move(root).value()));
}

NodeRef ResourceNode(const json::Value& resource) {
  return NodeRef{&resource, nullptr, ResourceTypeOf(resource)};
}

EvalContext ContextFor(const json::Value& resource, const model::TypeModel* model) {
  EvalContext ctx;
  ctx.input.push_back(Item::Node(ResourceNode(resource)));
  ctx.resource = &resource;
  ctx.root_resource = &resource;
  ctx.model = model;
  return ctx;
}

Result<Collection> Evaluate(const Expression& expression, const EvalContext& context) {
  Evaluator ev(context);
  Collection out;
  Frame f{&context.input, -1, nullptr};
  Status s = ev.Eval(expression.root(), context.input, f, &out);
  if (!s.ok()) return s;
  return out;
}

ErrorClass ErrorClassOf(const Status& status) {
  if (status.ok()) return ErrorClass::kNone;
  const std::string& m = status.message();
  if (m.rfind("syntax error", 0) == 0) return ErrorClass::kSyntax;
  if (m.rfind("semantic error", 0) == 0) return ErrorClass::kSemantic;
  if (m.rfind("execution error", 0) == 0) return ErrorClass::kExecution;
  return ErrorClass::kOther;
}

}  // namespace gw::fhirpath
