#include "gateway/core/fhirpath/function_registry.h"

#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {

void FunctionRegistry::Add(FunctionDef def) {
  std::string name = def.name;
  defs_[name] = std::move(def);
}

const FunctionDef* FunctionRegistry::Find(std::string_view name) const {
  auto it = defs_.find(name);
  return it == defs_.end() ? nullptr : &it->second;
}

const FunctionRegistry& BuiltinFunctions() {
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterAllBuiltins(r);
    return r;
  }();
  return *registry;
}

}  // namespace gw::fhirpath
