// Contact transforms: phone() and zip().
#include "gateway/core/mapping/issue_codes.h"
#include "gateway/core/mapping/transforms/register.h"
#include "gateway/core/mapping/transforms/transform_util.h"

namespace gw::mapping {
namespace {

using fhirpath::CallContext;
using fhirpath::Collection;
using fhirpath::Item;

// Ten digits (area code, exchange, line) → "787-555-0142".
Status Phone(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, in, "phone()", &s));
  if (!s) return Status::Ok();
  if (s->size() != 10 || !transforms::AllDigits(*s)) {
    return transforms::Fail(call, codes::kBadPhone, "expected 10 digits", in);
  }
  out->push_back(Item::String(s->substr(0, 3) + "-" + s->substr(3, 3) + "-" + s->substr(6)));
  return Status::Ok();
}

// Five digits as they are; nine digits → ZIP+4 "00959-4321".
Status Zip(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, in, "zip()", &s));
  if (!s) return Status::Ok();
  if ((s->size() != 5 && s->size() != 9) || !transforms::AllDigits(*s)) {
    return transforms::Fail(call, codes::kBadZip, "expected 5 or 9 digits", in);
  }
  out->push_back(Item::String(s->size() == 5 ? *s : s->substr(0, 5) + "-" + s->substr(5)));
  return Status::Ok();
}

}  // namespace

void RegisterContactTransforms(fhirpath::FunctionRegistry* r) {
  r->Add(transforms::MakeDef("phone", 0, 0, &Phone));
  r->Add(transforms::MakeDef("zip", 0, 0, &Zip));
}

}  // namespace gw::mapping
