#include "gateway/core/search/search_param_registry.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "gateway/core/search/expression_split.h"
#include "gateway/core/search/issue_codes.h"
#include "gateway/core/search/reference_text.h"

namespace gw::search {

const char* ParamTypeName(ParamType type) {
  switch (type) {
    case ParamType::kNumber:
      return "number";
    case ParamType::kDate:
      return "date";
    case ParamType::kString:
      return "string";
    case ParamType::kToken:
      return "token";
    case ParamType::kReference:
      return "reference";
    case ParamType::kComposite:
      return "composite";
    case ParamType::kQuantity:
      return "quantity";
    case ParamType::kUri:
      return "uri";
    case ParamType::kSpecial:
      return "special";
  }
  return "";
}

std::optional<ParamType> ParseParamType(std::string_view name) {
  for (ParamType t : {ParamType::kNumber, ParamType::kDate, ParamType::kString, ParamType::kToken,
                      ParamType::kReference, ParamType::kComposite, ParamType::kQuantity,
                      ParamType::kUri, ParamType::kSpecial}) {
    if (name == ParamTypeName(t)) return t;
  }
  return std::nullopt;
}

namespace {

// Answers "Type/id" references with a stub {"resourceType": Type}.
class TypeStubResolver final : public ports::ReferenceResolver {
 public:
  explicit TypeStubResolver(const std::vector<std::string>& types) {
    for (const std::string& t : types) {
      json::Member m{"resourceType", json::Value::String(t)};
      stubs_.emplace(t, json::Value::Object({std::move(m)}));
    }
  }
  const json::Value* Resolve(std::string_view reference,
                             const json::Value* from_resource) const override {
    ParsedReference p = ParseReference(reference, [this](std::string_view t) {
      return stubs_.find(std::string(t)) != stubs_.end();
    });
    if (p.kind != ParsedReference::Kind::kLocal && p.kind != ParsedReference::Kind::kAbsolute) {
      return nullptr;
    }
    auto it = stubs_.find(std::string(p.type));
    return it == stubs_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, json::Value> stubs_;
};

std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

}  // namespace

struct SearchParamRegistry::Data {
  std::shared_ptr<const model::R4TypeModel> model;
  std::vector<std::string> types;  // sorted
  std::deque<SearchParam> params;
  std::map<std::string, std::vector<const SearchParam*>, std::less<>> by_type;
  std::unique_ptr<TypeStubResolver> resolver;
};

namespace {

class Builder {
 public:
  Builder(SearchParamRegistry::Data* d, IssueSink* issues) : d_(d), issues_(issues) {}

  void Add(const json::Value& def) {
    std::string_view code = Str(def.Find("code"));
    std::string_view url = Str(def.Find("url"));
    std::optional<ParamType> type = ParseParamType(Str(def.Find("type")));
    const json::Value* base = def.Find("base");
    if (Str(def.Find("resourceType")) != "SearchParameter" || code.empty() || !type ||
        base == nullptr || !base->is_array()) {
      Report(Severity::kWarning, kIssueParamInvalid, url,
             "SearchParameter without code, known type or base");
      return;
    }
    std::vector<std::string> targets;
    if (const json::Value* t = def.Find("target"); t != nullptr && t->is_array()) {
      for (const json::Value& x : t->items()) {
        if (x.is_string()) targets.emplace_back(x.string_value());
      }
    }
    for (const json::Value& b : base->items()) {
      for (const std::string& rt : Expand(Str(&b))) {
        AddFor(rt, def, code, url, *type, targets);
      }
    }
  }

 private:
  // Concrete resource types a base names: itself, or every type deriving from an abstract one.
  std::vector<std::string> Expand(std::string_view base) const {
    std::vector<std::string> out;
    if (std::binary_search(d_->types.begin(), d_->types.end(), base)) {
      out.emplace_back(base);
    } else if (!base.empty() && d_->model->HasType(base)) {
      for (const std::string& t : d_->types) {
        if (d_->model->IsA(t, base)) out.push_back(t);
      }
    }
    return out;
  }

  void AddFor(const std::string& rt, const json::Value& def, std::string_view code,
              std::string_view url, ParamType type, const std::vector<std::string>& targets) {
    std::vector<const SearchParam*>& list = d_->by_type[rt];
    for (const SearchParam* p : list) {
      if (p->code == code) {
        Report(Severity::kInformation, kIssueParamDuplicate, url,
               rt + "." + std::string(code) + " is already defined by " + p->url);
        return;
      }
    }
    SearchParam p;
    p.code = std::string(code);
    p.url = std::string(url);
    p.type = type;
    p.resource_type = rt;
    p.targets = targets;
    std::string_view expression = Str(def.Find("expression"));
    const bool resource_level = url.starts_with("http://hl7.org/fhir/SearchParameter/Resource-");
    if (code == "_id" && resource_level) {
      p.storage = ParamStorage::kResourceId;
    } else if (code == "_lastUpdated" && resource_level) {
      p.storage = ParamStorage::kLastUpdated;
    } else if (type == ParamType::kComposite || type == ParamType::kSpecial || expression.empty()) {
      p.storage = ParamStorage::kNotIndexed;
    } else {
      p.expression = Restrict(expression, rt);
      p.compiled = p.expression.empty() ? nullptr : CompileCached(p.expression, url);
      p.storage = p.compiled ? ParamStorage::kIndex : ParamStorage::kNotIndexed;
    }
    d_->params.push_back(std::move(p));
    list.push_back(&d_->params.back());
  }

  std::string Restrict(std::string_view expression, const std::string& rt) const {
    auto is_type = [this](std::string_view n) {
      return !n.empty() && std::isupper(static_cast<unsigned char>(n[0])) &&
             d_->model->KindOf(n) == model::TypeKind::kResource;
    };
    auto is_ancestor = [this, &rt](std::string_view n) { return n != rt && d_->model->IsA(rt, n); };
    return RestrictToType(expression, rt, is_type, is_ancestor);
  }

  std::shared_ptr<const fhirpath::Expression> CompileCached(const std::string& text,
                                                            std::string_view url) {
    auto it = compiled_.find(text);
    if (it != compiled_.end()) return it->second;
    fhirpath::CompileOptions options;
    options.model = d_->model.get();
    auto r = fhirpath::Compile(text, options);
    std::shared_ptr<const fhirpath::Expression> e;
    if (r.ok()) {
      e = r.value();
    } else {
      Report(Severity::kWarning, kIssueParamExpression, url, r.status().message());
    }
    compiled_.emplace(text, e);
    return e;
  }

  void Report(Severity s, const char* code, std::string_view url, std::string message) {
    if (issues_ == nullptr) return;
    issues_->Report({s, code, std::string(url), std::move(message)});
  }

  SearchParamRegistry::Data* d_;
  IssueSink* issues_;
  std::unordered_map<std::string, std::shared_ptr<const fhirpath::Expression>> compiled_;
};

// "E.where(resolve() is T)" → (E, T); nullopt otherwise.
std::optional<std::pair<std::string_view, std::string_view>> TypedReference(std::string_view e) {
  constexpr std::string_view kMid = ".where(resolve() is ";
  if (e.empty() || e.back() != ')') return std::nullopt;
  std::size_t at = e.rfind(kMid);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view type = e.substr(at + kMid.size(), e.size() - 1 - at - kMid.size());
  if (type.empty() || type.find_first_of("() .") != std::string_view::npos) return std::nullopt;
  return std::make_pair(e.substr(0, at), type);
}

// Finds the parameters of one type whose values are those of others (SearchParam::rows_of).
// The registry owns the parameters as mutable objects; `list` only views them as const.
void ShareRows(const std::vector<const SearchParam*>& list) {
  struct Info {
    SearchParam* param;
    std::set<std::string_view> branches;
  };
  std::vector<Info> infos;
  for (const SearchParam* p : list) {
    if (p->storage != ParamStorage::kIndex) continue;
    Info i{const_cast<SearchParam*>(p), {}};
    for (std::string_view b : SplitTopLevelUnion(p->expression)) i.branches.insert(b);
    infos.push_back(std::move(i));
  }
  // Typed references: "E.where(resolve() is T)" where another reference parameter is E.
  for (Info& a : infos) {
    if (a.param->type != ParamType::kReference || a.branches.size() != 1) continue;
    auto typed = TypedReference(*a.branches.begin());
    if (!typed) continue;
    for (const Info& b : infos) {
      if (&b != &a && b.param->type == ParamType::kReference && b.branches.size() == 1 &&
          *b.branches.begin() == typed->first && !TypedReference(typed->first)) {
        a.param->rows_of = {b.param};
        a.param->rows_target_type = std::string(typed->second);
        break;
      }
    }
  }
  // Unions: fewest branches first, so that components are settled before the unions that use
  // them; a union is covered by parameters that keep rows of their own.
  std::stable_sort(infos.begin(), infos.end(), [](const Info& a, const Info& b) {
    return a.branches.size() < b.branches.size();
  });
  std::vector<const Info*> leaves;
  for (const Info& a : infos) {
    if (!a.param->rows_of.empty()) continue;
    if (a.branches.size() >= 2) {
      std::set<std::string_view> covered;
      std::vector<const SearchParam*> parts;
      for (const Info* b : leaves) {
        if (b->param->type != a.param->type || b->branches.size() >= a.branches.size()) continue;
        if (!std::includes(a.branches.begin(), a.branches.end(), b->branches.begin(),
                           b->branches.end())) {
          continue;
        }
        std::size_t before = covered.size();
        covered.insert(b->branches.begin(), b->branches.end());
        if (covered.size() > before) parts.push_back(b->param);
      }
      if (covered == a.branches) {
        a.param->rows_of = std::move(parts);
        continue;
      }
    }
    leaves.push_back(&a);
  }
}

}  // namespace

SearchParamRegistry::SearchParamRegistry(std::unique_ptr<Data> data) : data_(std::move(data)) {}
SearchParamRegistry::~SearchParamRegistry() = default;

Result<std::shared_ptr<const SearchParamRegistry>> SearchParamRegistry::Build(
    std::span<const json::Value* const> definitions,
    std::shared_ptr<const model::R4TypeModel> model, IssueSink* issues) {
  if (model == nullptr) return InvalidArgument("search parameter registry needs a type model");
  auto d = std::make_unique<Data>();
  d->model = std::move(model);
  for (std::string_view t : d->model->TypeKeys(model::TypeKind::kResource)) {
    if (!d->model->IsAbstract(t)) d->types.emplace_back(t);
  }
  std::sort(d->types.begin(), d->types.end());
  d->types.erase(std::unique(d->types.begin(), d->types.end()), d->types.end());
  Builder b(d.get(), issues);
  for (const json::Value* def : definitions) {
    if (def != nullptr) b.Add(*def);
  }
  for (auto& [type, list] : d->by_type) {
    std::sort(list.begin(), list.end(),
              [](const SearchParam* a, const SearchParam* b) { return a->code < b->code; });
    ShareRows(list);
  }
  d->resolver = std::make_unique<TypeStubResolver>(d->types);
  return std::make_shared<const SearchParamRegistry>(std::move(d));
}

Result<std::shared_ptr<const SearchParamRegistry>> SearchParamRegistry::FromStore(
    const conformance::ConformanceStore& store, std::shared_ptr<const model::R4TypeModel> model,
    IssueSink* issues) {
  std::vector<const json::Value*> defs;
  for (const conformance::StoredResource* r : store.All("SearchParameter")) {
    defs.push_back(store.Tree(*r));
  }
  return Build(defs, std::move(model), issues);
}

const SearchParam* SearchParamRegistry::Find(std::string_view resource_type,
                                             std::string_view code) const {
  std::span<const SearchParam* const> list = ParamsFor(resource_type);
  auto it = std::lower_bound(list.begin(), list.end(), code,
                             [](const SearchParam* p, std::string_view c) { return p->code < c; });
  return it != list.end() && (*it)->code == code ? *it : nullptr;
}

std::span<const SearchParam* const> SearchParamRegistry::ParamsFor(
    std::string_view resource_type) const {
  auto it = data_->by_type.find(resource_type);
  if (it == data_->by_type.end()) return {};
  return it->second;
}

const std::vector<std::string>& SearchParamRegistry::ResourceTypes() const { return data_->types; }

bool SearchParamRegistry::IsResourceType(std::string_view name) const {
  return std::binary_search(data_->types.begin(), data_->types.end(), name);
}

const model::R4TypeModel& SearchParamRegistry::model() const { return *data_->model; }

const ports::ReferenceResolver& SearchParamRegistry::type_resolver() const {
  return *data_->resolver;
}

}  // namespace gw::search
