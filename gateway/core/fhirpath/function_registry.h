// FunctionRegistry: FHIRPath functions by name, with their arity and how their arguments are
// evaluated. Compile() resolves every call against a registry once, so evaluation dispatches
// through a stored pointer.
//
// Built-in families register themselves through explicit calls (RegisterExistenceFunctions(),
// ... in functions/register.h); BuiltinFunctions() returns the registry with all of them.
// Thread safety: a registry is filled before use and then read-only; BuiltinFunctions() is
// initialised once in a thread-safe way. FunctionDef pointers live as long as the registry.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/item.h"

namespace gw::fhirpath {

class CallContext;

// Evaluates the function over `input`, appending results to `out`.
using FunctionImpl = Status (*)(CallContext& call, const Collection& input, Collection* out);

struct FunctionDef {
  std::string name;
  int min_args = 0;
  int max_args = 0;
  // Bit i set: argument i is an expression the function evaluates itself per item ($this,
  // $index), e.g. where(criteria). Other arguments are evaluated once, before the call.
  std::uint32_t lazy_args = 0;
  bool type_arg = false;  // the single argument is a type specifier (is/as/ofType)
  FunctionImpl impl = nullptr;
};

class FunctionRegistry {
 public:
  // Adds or replaces a function.
  void Add(FunctionDef def);
  const FunctionDef* Find(std::string_view name) const;

 private:
  std::map<std::string, FunctionDef, std::less<>> defs_;
};

const FunctionRegistry& BuiltinFunctions();

}  // namespace gw::fhirpath
