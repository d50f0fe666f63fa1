// The FHIRPath engine: compile an expression once, evaluate it many times.
//
// Compile() parses, resolves functions (unknown names and wrong arity fail here), precompiles
// literal regular expressions and, when a TypeModel and a context type are given, checks paths
// against the model. Evaluate() runs a compiled Expression over an EvalContext.
//
// Errors are Status kInvalidArgument (or kResourceExhausted for limits) whose message starts
// with the error class: "syntax error at P: ...", "semantic error: ...", "execution error: ...".
// ErrorClassOf() extracts the class.
//
// Thread safety: an Expression is immutable; any number of threads may evaluate the same
// Expression concurrently, each with its own EvalContext. Lifetimes: the TypeModel given to
// Compile() must outlive the Expression; the JSON trees, TypeModel and ports referenced by an
// EvalContext must outlive the Evaluate() call and every Collection it returns (result items
// point into the trees and the model).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/ast.h"
#include "gateway/core/fhirpath/item.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"
#include "gateway/ports/profile_checker.h"
#include "gateway/ports/reference_resolver.h"
#include "gateway/ports/terminology_service.h"

namespace gw::fhirpath {

class FunctionRegistry;

struct CompileOptions {
  const model::TypeModel* model = nullptr;  // optional; enables static path checks
  // Type of the evaluation context ("Patient"); empty when unknown (no static path checks).
  std::string context_type;
  // Strict mode: also reports paths that can never produce a value as semantic errors.
  bool strict = false;
  // Functions available to the expression; null = the built-in registry.
  const FunctionRegistry* functions = nullptr;
  std::size_t max_length = 64 * 1024;  // expression text, bytes
  int max_depth = 200;                 // parser nesting
};

class Expression {
 public:
  Expression(std::string text, std::unique_ptr<Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}
  const std::string& text() const { return text_; }
  const Node& root() const { return *root_; }

 private:
  std::string text_;
  std::unique_ptr<Node> root_;
};

Result<std::shared_ptr<const Expression>> Compile(std::string_view text,
                                                  const CompileOptions& options = {});

// Receives trace() output. Called synchronously during evaluation.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void Trace(std::string_view name, const Collection& values) = 0;
};

struct EvalLimits {
  std::size_t max_collection = 1'000'000;  // items in one intermediate collection
  std::size_t max_string = 16u << 20;      // bytes of one produced string
  std::size_t max_repeat = 100'000;        // items repeat()/descendants() may gather
  int max_depth = 400;                     // evaluation nesting
  std::size_t max_steps = 50'000'000;      // work units (items visited) per evaluation
};

struct EvalContext {
  // The input collection ($this at the top). Usually one node made by ResourceNode().
  Collection input;
  const json::Value* resource = nullptr;       // %resource (and %context when input is empty)
  const json::Value* root_resource = nullptr;  // %rootResource (defaults to `resource`)
  const model::TypeModel* model = nullptr;
  // User variables: %name → value ("vs-…" and "ext-…" are synthesized when absent).
  std::map<std::string, Collection, std::less<>> variables;
  // The instant now()/today()/timeOfDay() report (the engine reads no clock).
  Temporal now = Temporal{TemporalKind::kDateTime, Precision::kMillisecond, 2000, 1, 1, 0,
                          0,  0, 0, 0};
  const ports::ReferenceResolver* resolver = nullptr;
  const ports::TerminologyService* terminology = nullptr;
  const ports::ProfileChecker* profiles = nullptr;
  TraceSink* trace = nullptr;
  // Opaque state for functions registered by a caller (reached as call.ev().ctx().user); the
  // engine never reads it. Owned by the caller; must outlive the Evaluate() call.
  void* user = nullptr;
  EvalLimits limits;
};

// A node for a resource: type from "resourceType" (checked against the model when given).
NodeRef ResourceNode(const json::Value& resource);

// Convenience: context for evaluating over one resource (input, %resource, %rootResource).
EvalContext ContextFor(const json::Value& resource, const model::TypeModel* model);

Result<Collection> Evaluate(const Expression& expression, const EvalContext& context);

enum class ErrorClass { kNone, kSyntax, kSemantic, kExecution, kOther };
ErrorClass ErrorClassOf(const Status& status);

}  // namespace gw::fhirpath
