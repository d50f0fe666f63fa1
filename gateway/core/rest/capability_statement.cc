#include "gateway/core/rest/capability_statement.h"

#include <utility>

#include "gateway/core/json/value.h"
#include "gateway/core/json/write.h"

namespace gw::rest {
namespace {

using json::Member;
using json::Value;

Value S(std::string_view s) { return Value::String(std::string(s)); }
Value Code(std::string_view c) { return Value::Object({{"code", S(c)}}); }

Value Operation(const OperationEntry& op) {
  return Value::Object({{"name", S(op.name)}, {"definition", S(op.definition)}});
}

Value Security(const CapabilityInputs& in) {
  // SMART discovery is /.well-known/smart-configuration (the oauth-uris extension would need
  // an authorize endpoint, which Backend Services has none of).
  std::vector<Member> m;
  m.push_back({"cors", Value::Bool(false)});
  m.push_back(
      {"service",
       Value::Array({Value::Object(
           {{"coding",
             Value::Array({Value::Object(
                 {{"system", S("http://terminology.hl7.org/CodeSystem/restful-security-service")},
                  {"code", S("SMART-on-FHIR")}})})},
            {"text", S("SMART Backend Services (client_credentials, private_key_jwt; token "
                       "endpoint " + in.token_url + "); mutual TLS on the partner port")}})})});
  return Value::Object(std::move(m));
}

}  // namespace

bool IsConcreteResourceType(std::string_view type) {
  return type != "Resource" && type != "DomainResource";
}

std::string MakeCapabilityStatement(const search::SearchParamRegistry& registry,
                                    const CapabilityInputs& in) {
  std::vector<Value> resources;
  for (const std::string& type : registry.ResourceTypes()) {
    if (!IsConcreteResourceType(type)) continue;
    if (!in.resource_types.empty() && in.resource_types.count(type) == 0) continue;
    std::vector<Value> interactions;
    for (const char* i : {"read", "vread", "update", "delete", "history-instance",
                          "history-type", "create", "search-type"}) {
      interactions.push_back(Code(i));
    }
    std::vector<Value> params;
    for (const search::SearchParam* p : registry.ParamsFor(type)) {
      std::vector<Member> pm{{"name", S(p->code)}};
      if (!p->url.empty()) pm.push_back({"definition", S(p->url)});
      pm.push_back({"type", S(search::ParamTypeName(p->type))});
      params.push_back(Value::Object(std::move(pm)));
    }
    std::vector<Value> ops{Operation({type, "validate", "http://hl7.org/fhir/OperationDefinition/Resource-validate"})};
    if (type == "Patient") {
      ops.push_back(Operation({type, "everything", "http://hl7.org/fhir/OperationDefinition/Patient-everything"}));
    }
    for (const OperationEntry& op : in.extra_operations) {
      if (op.resource_type == type) ops.push_back(Operation(op));
    }
    std::vector<Member> r{{"type", S(type)},
                          {"interaction", Value::Array(std::move(interactions))},
                          {"versioning", S("versioned-update")},
                          {"readHistory", Value::Bool(true)},
                          {"updateCreate", Value::Bool(true)},
                          {"conditionalCreate", Value::Bool(true)},
                          {"conditionalRead", S("not-supported")},
                          {"conditionalUpdate", Value::Bool(false)},
                          {"conditionalDelete", S("not-supported")}};
    if (!params.empty()) r.push_back({"searchParam", Value::Array(std::move(params))});
    r.push_back({"operation", Value::Array(std::move(ops))});
    resources.push_back(Value::Object(std::move(r)));
  }
  std::vector<Member> rest{{"mode", S("server")}};
  if (!in.token_url.empty()) rest.push_back({"security", Security(in)});
  rest.push_back({"resource", Value::Array(std::move(resources))});
  rest.push_back({"interaction", Value::Array({Code("transaction"), Code("batch"),
                                               Code("history-system")})});
  std::vector<Value> system_ops;
  for (const OperationEntry& op : in.extra_operations) {
    if (op.resource_type.empty()) system_ops.push_back(Operation(op));
  }
  if (!system_ops.empty()) rest.push_back({"operation", Value::Array(std::move(system_ops))});

  Value cs = Value::Object(
      {{"resourceType", S("CapabilityStatement")},
       {"status", S("active")},
       {"date", S(in.date)},
       {"publisher", S("fhir-gateway")},
       {"kind", S("instance")},
       {"software", Value::Object({{"name", S(in.software)}, {"version", S(in.version)}})},
       {"implementation", Value::Object({{"description", S("FHIR gateway")}, {"url", S(in.base_url)}})},
       {"fhirVersion", S("4.0.1")},
       {"format", Value::Array({S("json")})},
       {"rest", Value::Array({Value::Object(std::move(rest))})}});
  return json::Write(cs);
}

}  // namespace gw::rest
