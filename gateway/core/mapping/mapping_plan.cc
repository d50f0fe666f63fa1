#include "gateway/core/mapping/mapping_plan.h"

#include "gateway/core/json/parse.h"
#include "gateway/core/mapping/expression_compiler.h"
#include "gateway/core/mapping/issue_codes.h"
#include "gateway/core/mapping/record_evaluator.h"
#include "gateway/core/mapping/resource_template.h"

namespace gw::mapping {

struct MappingPlan::Rule {
  std::string name, type, profile;
  std::string location;  // "Patient", or "Goal[*]" for a rule with `each`
  std::shared_ptr<const fhirpath::Expression> when, each, id;
  ResourceTemplate tmpl;
};

MappingPlan::MappingPlan() = default;
MappingPlan::~MappingPlan() = default;

namespace {

constexpr std::string_view kFileKeys[] = {"feed", "file", "format", "key", "description",
                                          "resources"};
constexpr std::string_view kRuleKeys[] = {"name", "type", "profile", "when", "each", "id",
                                          "template", "description"};

template <std::size_t N>
bool Known(std::string_view key, const std::string_view (&keys)[N]) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

class Loader {
 public:
  Loader(std::string_view file, MappingLoadError* error) : error_(error) { error_->file = file; }

  Status Fail(const char* code, std::string path, std::string message) {
    error_->code = code;
    error_->path = std::move(path);
    error_->message = std::move(message);
    return InvalidArgument(error_->ToString());
  }
  Status Failed() { return InvalidArgument(error_->ToString()); }

  // A required non-empty string member.
  Status Text(const json::Value& o, std::string_view key, std::string path, std::string* out,
              bool required = true) {
    const json::Value* v = o.Find(key);
    if (v == nullptr && !required) return Status::Ok();
    if (v == nullptr) return Fail(codes::kLoadMissingKey, path, "missing \"" + std::string(key) + "\"");
    if (!v->is_string() || v->string_value().empty()) {
      return Fail(codes::kLoadBadTemplate, path, "\"" + std::string(key) + "\" must be a non-empty string");
    }
    *out = std::string(v->string_value());
    return Status::Ok();
  }

  Status Expr(const ExpressionCompiler& c, const std::string& text, std::string path,
              std::shared_ptr<const fhirpath::Expression>* out) {
    if (text.empty()) return Status::Ok();
    *out = c.Compile(text, error_);
    if (*out == nullptr) {
      error_->path = std::move(path);
      return Failed();
    }
    return Status::Ok();
  }

  MappingLoadError* error_;
};

}  // namespace

Result<std::shared_ptr<const MappingPlan>> LoadMappingPlan(
    std::string_view file_name, std::string_view text,
    std::shared_ptr<const MappingEnvironment> env, MappingLoadError* error) {
  MappingLoadError local;
  if (error == nullptr) error = &local;
  *error = MappingLoadError{};
  Loader L(file_name, error);
  if (env == nullptr) return L.Fail(codes::kLoadBadNamespace, "", "no mapping environment");
  auto doc = json::Parse(text);
  if (!doc.ok()) return L.Fail(codes::kLoadJson, "", doc.status().message());
  const json::Value& root = *doc;
  if (!root.is_object()) return L.Fail(codes::kLoadBadTemplate, "", "a mapping file is a JSON object");
  for (const json::Member& m : root.members()) {
    if (!Known(m.key, kFileKeys)) return L.Fail(codes::kLoadUnknownKey, m.key, "unknown key");
  }
  auto plan = std::make_shared<MappingPlan>();
  GW_RETURN_IF_ERROR(L.Text(root, "feed", "feed", &plan->feed_));
  GW_RETURN_IF_ERROR(L.Text(root, "file", "file", &plan->file_));
  GW_RETURN_IF_ERROR(L.Text(root, "format", "format", &plan->format_));
  GW_RETURN_IF_ERROR(L.Text(root, "key", "key", &plan->key_));
  if (plan->format_ != "csv" && plan->format_ != "ndjson") {
    return L.Fail(codes::kLoadBadTemplate, "format", "format is csv or ndjson");
  }
  const json::Value* rules = root.Find("resources");
  if (rules == nullptr) return L.Fail(codes::kLoadMissingKey, "resources", "missing \"resources\"");
  if (!rules->is_array() || rules->items().empty()) {
    return L.Fail(codes::kLoadBadTemplate, "resources", "\"resources\" is a non-empty array");
  }
  ExpressionCompiler compiler(&env->concept_maps);
  for (std::size_t i = 0; i < rules->items().size(); ++i) {
    const json::Value& r = rules->items()[i];
    std::string at = "resources[" + std::to_string(i) + "]";
    if (!r.is_object()) return L.Fail(codes::kLoadBadTemplate, at, "a rule is an object");
    auto rule = std::make_unique<MappingPlan::Rule>();
    GW_RETURN_IF_ERROR(L.Text(r, "name", at, &rule->name));
    error->rule = rule->name;
    for (const json::Member& m : r.members()) {
      if (!Known(m.key, kRuleKeys)) return L.Fail(codes::kLoadUnknownKey, m.key, "unknown key");
    }
    GW_RETURN_IF_ERROR(L.Text(r, "type", "type", &rule->type));
    if (!IsR4ResourceType(rule->type)) {
      return L.Fail(codes::kLoadUnknownType, "type",
                    "'" + rule->type + "' is not an R4 resource type");
    }
    GW_RETURN_IF_ERROR(L.Text(r, "profile", "profile", &rule->profile, false));
    std::string when, each, id;
    GW_RETURN_IF_ERROR(L.Text(r, "when", "when", &when, false));
    GW_RETURN_IF_ERROR(L.Text(r, "each", "each", &each, false));
    GW_RETURN_IF_ERROR(L.Text(r, "id", "id", &id));
    GW_RETURN_IF_ERROR(L.Expr(compiler, when, "when", &rule->when));
    GW_RETURN_IF_ERROR(L.Expr(compiler, each, "each", &rule->each));
    GW_RETURN_IF_ERROR(L.Expr(compiler, id, "id", &rule->id));
    const json::Value* t = r.Find("template");
    if (t == nullptr) return L.Fail(codes::kLoadMissingKey, "template", "missing \"template\"");
    for (std::string_view reserved : {"resourceType", "id", "meta"}) {
      if (t->is_object() && t->Find(reserved) != nullptr) {
        return L.Fail(codes::kLoadBadTemplate, "template." + std::string(reserved),
                      "set by the rule, not the template");
      }
    }
    rule->location = rule->type + (rule->each ? "[*]" : "");
    if (!rule->tmpl.Compile(*t, rule->location, "template", compiler, error)) return L.Failed();
    plan->rules_.push_back(std::move(rule));
  }
  error->rule.clear();
  plan->env_ = std::move(env);
  plan->transform_env_ = plan->env_->transform_env();
  return std::shared_ptr<const MappingPlan>(std::move(plan));
}

MapResult MappingPlan::Map(const json::Value& record) const {
  MapResult result;
  RecordEvaluator ev(record, transform_env_);
  if (!record.is_object()) {
    ev.Report(codes::kNotObject, "", "a record is a JSON object");
    result.issues = std::move(ev.issues());
    return result;
  }
  const json::Value* key = record.Find(key_);
  if (key == nullptr || key->is_null() || (key->is_string() && key->string_value().empty())) {
    ev.Report(codes::kMissingKey, "", "the record has no key", key_);
  }
  for (const auto& rule : rules_) {
    ev.set_rule(rule->name);
    fhirpath::Collection focuses = ev.record_focus();
    if (rule->each) {
      auto r = ev.Eval(*rule->each, ev.record_focus(), rule->type);
      if (!r) continue;
      focuses = std::move(*r);
    }
    fhirpath::Collection one;
    for (std::size_t i = 0; i < focuses.size(); ++i) {
      one.clear();
      one.push_back(focuses[i]);
      if (rule->each) ev.PushEach(i, focuses[i], ev.record_focus());
      MapOne(*rule, one, &ev, &result);
      if (rule->each) ev.PopEach();
    }
  }
  if (ev.issues().empty() && result.resources.empty()) {
    ev.set_rule("");
    ev.Report(codes::kNoResources, "", "no rule produced a resource for this record");
  }
  if (!ev.issues().empty()) {
    result.resources.clear();
    result.issues = std::move(ev.issues());
  }
  return result;
}

void MappingPlan::MapOne(const Rule& rule, const fhirpath::Collection& focus,
                         RecordEvaluator* ev, MapResult* result) const {
  if (rule.when) {
    auto w = ev->Eval(*rule.when, focus, rule.location);
    if (!w || !RecordEvaluator::IsTrue(*w)) return;
  }
  auto id = ev->Eval(*rule.id, focus, rule.location + ".id");
  if (!id) return;
  std::optional<std::string_view> id_text;
  if (id->size() == 1) id_text = fhirpath::StringValue((*id)[0]);
  if (!id_text || id_text->empty()) {
    ev->Report(codes::kMissingId, rule.location + ".id", "the id expression gave no single string");
    return;
  }
  std::vector<json::Member> members;
  members.reserve(24);
  members.push_back({"resourceType", json::Value::String(rule.type)});
  members.push_back({"id", json::Value::String(std::string(*id_text))});
  if (!rule.profile.empty()) {
    std::vector<json::Value> profiles;
    profiles.push_back(json::Value::String(rule.profile));
    std::vector<json::Member> meta;
    meta.push_back({"profile", json::Value::Array(std::move(profiles))});
    members.push_back({"meta", json::Value::Object(std::move(meta))});
  }
  rule.tmpl.EmitMembers(focus, ev, &members);
  result->resources.push_back(MappedResource{rule.name, rule.type, rule.profile,
                                             json::Value::Object(std::move(members))});
}

}  // namespace gw::mapping
