// FHIR additions: extension(url), hasValue(), getValue(), resolve(), memberOf(), conformsTo(),
// htmlChecks().
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"
#include "gateway/core/fhirpath/html_checks.h"
#include "gateway/core/fhirpath/navigation.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

constexpr std::string_view kCoreProfilePrefix = "http://hl7.org/fhir/StructureDefinition/";

std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

Status Extension(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> url;
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), "extension() url", &url));
  if (!url) return Status::Ok();
  for (const Item& x : in) {
    if (!x.is_node()) continue;
    Collection exts;
    ChildrenNamed(x.node(), "extension", call.ev().model(), &exts);
    for (const Item& e : exts) {
      if (e.node().value != nullptr && Str(e.node().value->Find("url")) == *url) {
        out->push_back(e);
      }
    }
  }
  return Status::Ok();
}

bool IsPrimitiveNode(const Item& x) {
  return x.is_node() && x.node().value != nullptr && !x.node().value->is_object() &&
         !x.node().value->is_array();
}

Status HasValue(CallContext&, const Collection& in, Collection* out) {
  fn::PushBool(in.size() == 1 && IsPrimitiveNode(in[0]), out);
  return Status::Ok();
}

Status GetValue(CallContext&, const Collection& in, Collection* out) {
  if (in.size() == 1 && IsPrimitiveNode(in[0])) {
    auto v = ToSystem(in[0]);
    if (v) out->push_back(std::move(*v));
  }
  return Status::Ok();
}

const json::Value* FindContained(const json::Value* resource, std::string_view id) {
  if (resource == nullptr) return nullptr;
  if (id.empty()) return resource;
  const json::Value* contained = resource->Find("contained");
  if (contained == nullptr || !contained->is_array()) return nullptr;
  for (const json::Value& c : contained->items()) {
    if (Str(c.Find("id")) == id) return &c;
  }
  return nullptr;
}

bool ReferenceMatches(std::string_view ref, const json::Value& entry) {
  if (Str(entry.Find("fullUrl")) == ref) return true;
  const json::Value* res = entry.Find("resource");
  if (res == nullptr) return false;
  std::string local = std::string(ResourceTypeOf(*res)) + "/" + std::string(Str(res->Find("id")));
  if (ref == local) return true;
  return ref.size() > local.size() && ref.substr(ref.size() - local.size()) == local &&
         ref[ref.size() - local.size() - 1] == '/';
}

const json::Value* FindInBundle(const json::Value* bundle, std::string_view ref) {
  if (bundle == nullptr || ResourceTypeOf(*bundle) != "Bundle") return nullptr;
  const json::Value* entries = bundle->Find("entry");
  if (entries == nullptr || !entries->is_array()) return nullptr;
  for (const json::Value& e : entries->items()) {
    if (ReferenceMatches(ref, e)) return e.Find("resource");
  }
  return nullptr;
}

Status Resolve(CallContext& call, const Collection& in, Collection* out) {
  const EvalContext& ctx = call.ev().ctx();
  for (const Item& x : in) {
    std::optional<std::string_view> ref = StringValue(x);
    if (!ref && x.is_node() && x.node().value != nullptr && x.node().value->is_object()) {
      const json::Value* r = x.node().value->Find("reference");
      if (r != nullptr && r->is_string()) ref = r->string_value();
    }
    if (!ref) continue;
    const json::Value* target = nullptr;
    if (!ref->empty() && (*ref)[0] == '#') {
      target = FindContained(ctx.resource, ref->substr(1));
    } else {
      target = FindInBundle(ctx.root_resource, *ref);
      if (target == nullptr && ctx.resolver != nullptr) {
        target = ctx.resolver->Resolve(*ref, ctx.resource);
      }
    }
    if (target != nullptr) out->push_back(Item::Node(ResourceNode(*target)));
  }
  return Status::Ok();
}

// memberOf(valueSet): code, Coding or CodeableConcept against the terminology port.
Status MemberOf(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> vs;
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), "memberOf() value set", &vs));
  const ports::TerminologyService* ts = call.ev().ctx().terminology;
  if (!vs || in.empty() || ts == nullptr) return Status::Ok();
  if (in.size() > 1) return ExecutionError("memberOf() expects a single item");
  const Item& x = in[0];
  std::optional<bool> r;
  if (auto code = StringValue(x)) {
    r = ts->IsMember("", *code, *vs);
  } else if (x.is_node() && x.node().value != nullptr && x.node().value->is_object()) {
    const json::Value& v = *x.node().value;
    const json::Value* codings = v.Find("coding");
    if (codings != nullptr && codings->is_array()) {
      for (const json::Value& c : codings->items()) {
        auto m = ts->IsMember(Str(c.Find("system")), Str(c.Find("code")), *vs);
        if (m == true) {
          r = true;
          break;
        }
        if (m == false) r = false;
      }
    } else {
      r = ts->IsMember(Str(v.Find("system")), Str(v.Find("code")), *vs);
    }
  }
  if (r) fn::PushBool(*r, out);
  return Status::Ok();
}

Status ConformsTo(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> url;
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), "conformsTo() profile", &url));
  if (!url || in.empty()) return Status::Ok();
  if (in.size() > 1) return ExecutionError("conformsTo() expects a single item");
  const Item& x = in[0];
  if (!x.is_node() || x.node().value == nullptr) return ExecutionError("conformsTo() needs a node");
  if (const ports::ProfileChecker* pc = call.ev().ctx().profiles) {
    Result<bool> r = pc->ConformsTo(*x.node().value, x.node().type, *url);
    if (!r.ok()) return ExecutionError("conformsTo(): " + r.status().message());
    fn::PushBool(*r, out);
    return Status::Ok();
  }
  // Without a profile checker, only the core type profiles can be answered (by type).
  const model::TypeModel* m = call.ev().model();
  std::string_view u = *url;
  if (m != nullptr && u.substr(0, kCoreProfilePrefix.size()) == kCoreProfilePrefix) {
    std::string_view type = u.substr(kCoreProfilePrefix.size());
    if (m->HasType(type)) {
      fn::PushBool(m->IsA(x.node().type, type), out);
      return Status::Ok();
    }
  }
  return ExecutionError("conformsTo(): unknown profile " + *url);
}

Status HtmlChecks(CallContext&, const Collection& in, Collection* out) {
  if (in.empty()) return Status::Ok();
  if (in.size() > 1) return ExecutionError("htmlChecks() expects a single item");
  auto s = StringValue(in[0]);
  fn::PushBool(s && CheckNarrativeXhtml(*s), out);
  return Status::Ok();
}

}  // namespace

void RegisterFhirFunctions(FunctionRegistry* r) {
  r->Add(Def("extension", 1, 1, Extension));
  r->Add(Def("hasValue", 0, 0, HasValue));
  r->Add(Def("getValue", 0, 0, GetValue));
  r->Add(Def("resolve", 0, 0, Resolve));
  r->Add(Def("memberOf", 1, 1, MemberOf));
  r->Add(Def("conformsTo", 1, 1, ConformsTo));
  r->Add(Def("htmlChecks", 0, 0, HtmlChecks));
}

}  // namespace gw::fhirpath
