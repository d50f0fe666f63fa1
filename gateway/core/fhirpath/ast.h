// The FHIRPath syntax tree produced by the parser and completed by the compiler (function
// dispatch, type specifiers, cached regular expressions). Immutable after Compile().
// Thread safety: read-only after construction; shared by concurrent evaluations.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/fhirpath/item.h"
#include "gateway/core/regex/regex.h"

namespace gw::fhirpath {

struct FunctionDef;

enum class NodeKind : std::uint8_t {
  kLiteral,   // `literal` (possibly empty: {})
  kMember,    // [focus.]name
  kFunction,  // [focus.]name(args)
  kThis,
  kIndex,
  kTotal,
  kVariable,  // %name
  kIndexer,   // focus[args[0]]
  kUnary,     // op focus
  kBinary,    // lhs op rhs
  kTypeOp,    // focus is/as type
  kError,     // fails at run time with `name` as the message
};

enum class Op : std::uint8_t {
  kNone,
  kImplies, kOr, kXor, kAnd,
  kIn, kContains,
  kEq, kNe, kEquiv, kNotEquiv,
  kLt, kLe, kGt, kGe,
  kUnion,
  kIs, kAs,
  kAdd, kSub, kConcat,
  kMul, kDiv, kIntDiv, kMod,
  kPlus, kMinus,
};

const char* OpName(Op op);

// A type specifier: namespace ("System", "FHIR" or "" when unqualified) and name.
struct TypeSpec {
  std::string ns;
  std::string name;
  std::string ToString() const { return ns.empty() ? name : ns + "." + name; }
};

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  Op op = Op::kNone;
  std::uint32_t pos = 0;
  std::string name;              // member, function or variable name; error message
  std::unique_ptr<Node> focus;   // operand / lhs; null for a term-level member or function
  std::unique_ptr<Node> rhs;     // binary right side
  std::vector<std::unique_ptr<Node>> args;
  Collection literal;            // kLiteral
  TypeSpec type;                 // kTypeOp, and type-argument functions (is/as/ofType)
  const FunctionDef* fn = nullptr;
  std::shared_ptr<const Regex> regex;  // literal pattern of matches()/replaceMatches()
  bool upper_start = false;      // member name starts with an uppercase letter (type filter)
};

}  // namespace gw::fhirpath
