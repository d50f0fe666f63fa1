// Evaluator: walks a compiled syntax tree over an EvalContext. Internal to the engine and the
// function families (functions/*.cc); callers use Evaluate() in engine.h.
//
// One Evaluator serves one Evaluate() call: it carries the budget (steps, depth) and the
// context. Every failure is a Status whose message starts with its error class.
// Thread safety: not shared between threads; the tree and the context are only read.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/ast.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/fhirpath/function_registry.h"
#include "gateway/core/fhirpath/item.h"

namespace gw::fhirpath {

Status ExecutionError(std::string_view message);
Status SemanticError(std::string_view message);

// The iteration frame: $this (as a collection), $index and $total.
struct Frame {
  const Collection* this_coll = nullptr;
  std::int64_t index = -1;
  const Collection* total = nullptr;
};

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& ctx) : ctx_(ctx) {}

  // Evaluates `n` with `input` as the focus, appending results to `out`.
  Status Eval(const Node& n, const Collection& input, const Frame& f, Collection* out);

  const EvalContext& ctx() const { return ctx_; }
  const model::TypeModel* model() const { return ctx_.model; }

  // Charges `n` work units; kResourceExhausted when the budget is spent.
  Status Charge(std::size_t n);
  // kResourceExhausted when `c` exceeds the collection limit.
  Status CheckSize(const Collection& c) const;

 private:
  Status EvalMember(const Node& n, const Collection& input, Collection* out);
  Status EvalFunction(const Node& n, const Collection& input, const Frame& f, Collection* out);
  Status EvalVariable(const Node& n, const Frame& f, Collection* out);
  Status EvalIndexer(const Node& n, const Collection& input, const Frame& f, Collection* out);
  Status EvalUnary(const Node& n, const Collection& input, const Frame& f, Collection* out);
  Status EvalBinary(const Node& n, const Collection& input, const Frame& f, Collection* out);
  Status EvalTypeOp(const Node& n, const Collection& input, const Frame& f, Collection* out);

  const EvalContext& ctx_;
  int depth_ = 0;
  std::size_t steps_ = 0;
};

// What a function implementation sees: its call node, the frame, pre-evaluated arguments and
// a way to evaluate its lazy arguments per item.
class CallContext {
 public:
  static constexpr int kMaxArgs = 4;
  CallContext(Evaluator& ev, const Node& node, const Frame& frame)
      : ev_(ev), node_(node), frame_(frame) {}

  Evaluator& ev() { return ev_; }
  const Node& node() const { return node_; }
  const Frame& frame() const { return frame_; }
  int argc() const { return static_cast<int>(node_.args.size()); }
  // Pre-evaluated value of a non-lazy argument.
  const Collection& arg(int i) const { return args_[i]; }
  Collection* mutable_arg(int i) { return &args_[i]; }
  // Evaluates lazy argument `i` with `item` as $this and the focus.
  Status EvalLazy(int i, const Item& item, std::int64_t index, Collection* out,
                  const Collection* total = nullptr);
  // Evaluates argument `i` with `input` as the focus in the caller's frame.
  Status EvalWith(int i, const Collection& input, Collection* out);

 private:
  Evaluator& ev_;
  const Node& node_;
  const Frame& frame_;
  std::array<Collection, kMaxArgs> args_;
};

// Helpers shared by the function families.

// The single item of `c` converted to a System value; nullopt for an empty collection.
// Errors: more than one item; a node without a primitive value (`what` names the operand).
Status SingletonValue(const Collection& c, std::string_view what, std::optional<Item>* out);
// Like SingletonValue but requires a String (implicitly from FHIR string-like primitives).
Status SingletonString(const Collection& c, std::string_view what,
                       std::optional<std::string>* out);
Status SingletonInteger(const Collection& c, std::string_view what,
                        std::optional<std::int64_t>* out);
// FHIRPath singleton evaluation of collection as Boolean: empty → nullopt; one Boolean → it;
// one non-Boolean item → true; several → error.
Status SingletonBoolean(const Collection& c, std::string_view what, std::optional<bool>* out);

}  // namespace gw::fhirpath
