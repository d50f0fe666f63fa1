// libFuzzer target: compiles arbitrary text as a FHIRPath expression and evaluates it against a
// small fixed Patient (no type model). Any crash, hang, sanitizer report or unbounded
// allocation is a bug; errors returned as Status are expected.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/parse.h"

namespace {

const gw::json::Value& Patient() {
  static const gw::json::Value* v = [] {
    auto r = gw::json::Parse(R"({"resourceType":"Patient","id":"p","active":true,
      "name":[{"use":"official","family":"Doe","given":["A","B"]},{"given":["C"]}],
      "birthDate":"1970-01-02","_birthDate":{"extension":[{"url":"u","valueInteger":3}]},
      "telecom":[{"system":"phone","value":"123"}],
      "contained":[{"resourceType":"Organization","id":"o"}],
      "managingOrganization":{"reference":"#o"},
      "extension":[{"url":"x","valueQuantity":{"value":1.5,"unit":"mg","code":"mg"}}]})");
    return new gw::json::Value(std::move(r).value());
  }();
  return *v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto expr = gw::fhirpath::Compile(text);
  if (!expr.ok()) return 0;
  gw::fhirpath::EvalContext ctx = gw::fhirpath::ContextFor(Patient(), nullptr);
  ctx.limits.max_steps = 200'000;
  ctx.limits.max_collection = 10'000;
  ctx.limits.max_string = 1 << 20;
  ctx.limits.max_repeat = 10'000;
  auto r = gw::fhirpath::Evaluate(**expr, ctx);
  (void)r;
  return 0;
}
