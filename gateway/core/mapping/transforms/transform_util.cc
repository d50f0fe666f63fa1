#include "gateway/core/mapping/transforms/transform_util.h"

#include "gateway/core/mapping/issue_codes.h"

namespace gw::mapping::transforms {

TransformState* StateOf(fhirpath::CallContext& call) {
  return static_cast<TransformState*>(call.ev().ctx().user);
}

Status Fail(fhirpath::CallContext& call, const char* code, std::string detail,
            const fhirpath::Collection& from) {
  if (TransformState* st = StateOf(call); st != nullptr && st->failure.code.empty()) {
    st->failure.code = code;
    st->failure.detail = detail;
    if (from.size() == 1 && from[0].is_node()) st->failure.node = from[0].node().value;
  }
  return fhirpath::ExecutionError(call.node().name + "(): " + detail);
}

Status TextOf(fhirpath::CallContext& call, const fhirpath::Collection& c, std::string_view what,
              std::optional<std::string>* out) {
  *out = std::nullopt;
  if (c.empty()) return Status::Ok();
  if (c.size() == 1) {
    if (auto s = fhirpath::StringValue(c[0])) {
      *out = std::string(*s);
      return Status::Ok();
    }
  }
  return Fail(call, codes::kBadValue, std::string(what) + " expects one string", c);
}

fhirpath::FunctionDef MakeDef(std::string name, int min_args, int max_args,
                              fhirpath::FunctionImpl impl) {
  fhirpath::FunctionDef d;
  d.name = std::move(name);
  d.min_args = min_args;
  d.max_args = max_args;
  d.impl = impl;
  return d;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace gw::mapping::transforms
