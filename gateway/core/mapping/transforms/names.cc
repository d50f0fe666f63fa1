// Name transforms: fullName(part, ...) joins the non-empty parts with one space.
#include "gateway/core/mapping/transforms/register.h"
#include "gateway/core/mapping/transforms/transform_util.h"

namespace gw::mapping {
namespace {

using fhirpath::CallContext;
using fhirpath::Collection;
using fhirpath::Item;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status FullName(CallContext& call, const Collection&, Collection* out) {
  std::string text;
  for (int i = 0; i < call.argc(); ++i) {
    std::optional<std::string> part;
    GW_RETURN_IF_ERROR(transforms::TextOf(call, call.arg(i), "fullName() part", &part));
    if (!part) continue;
    std::string_view p = Trim(*part);
    if (p.empty()) continue;
    if (!text.empty()) text.push_back(' ');
    text.append(p);
  }
  if (!text.empty()) out->push_back(Item::String(std::move(text)));
  return Status::Ok();
}

}  // namespace

void RegisterNameTransforms(fhirpath::FunctionRegistry* r) {
  r->Add(transforms::MakeDef("fullName", 1, fhirpath::CallContext::kMaxArgs, &FullName));
}

}  // namespace gw::mapping
