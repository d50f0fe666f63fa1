#include "gateway/core/mapping/record_evaluator.h"

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/mapping/issue_codes.h"

namespace gw::mapping {
namespace {

// The path of `target` inside `v` ("services[1].from"); false when it is not there.
bool PathTo(const json::Value& v, const json::Value* target, std::string* path) {
  if (&v == target) return true;
  std::size_t keep = path->size();
  if (v.is_object()) {
    for (const json::Member& m : v.members()) {
      if (!path->empty()) path->push_back('.');
      path->append(m.key);
      if (PathTo(m.value, target, path)) return true;
      path->resize(keep);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.items().size(); ++i) {
      path->append("[" + std::to_string(i) + "]");
      if (PathTo(v.items()[i], target, path)) return true;
      path->resize(keep);
    }
  }
  return false;
}

// Most mapping expressions are a column name, `column.exists()`, `column.transform()`,
// `translate('map', column).code` and the like over a record object. Those shapes (literals,
// member names over JSON objects with scalar values, functions with eagerly evaluated arguments)
// are evaluated here without the general tree walk; the functions themselves run through the
// engine's FunctionDef, so results and errors are the same. Any other shape returns nullopt and
// takes the general path.
class FastEvaluator {
 public:
  // `plain` is an object known to hold no "_name" primitive-extension keys (the record), or null.
  FastEvaluator(const fhirpath::EvalContext& ctx, const json::Value* plain)
      : ev_(ctx), plain_(plain) {}

  std::optional<Status> Eval(const fhirpath::Node& n, const fhirpath::Collection& focus,
                             const fhirpath::Frame& frame, fhirpath::Collection* out) {
    using fhirpath::NodeKind;
    switch (n.kind) {
      case NodeKind::kLiteral:
        out->insert(out->end(), n.literal.begin(), n.literal.end());
        return Status::Ok();
      case NodeKind::kMember: {
        if (n.upper_start) return std::nullopt;
        if (!n.focus) return Member(n.name, focus, out);
        fhirpath::Collection base;
        auto s = Eval(*n.focus, focus, frame, &base);
        if (!s || !s->ok()) return s;
        return Member(n.name, base, out);
      }
      case NodeKind::kFunction:
        if (n.name == "iif" && !n.focus) return Iif(n, focus, frame, out);
        return Function(n, focus, frame, out);
      case NodeKind::kBinary:
        if (n.op == fhirpath::Op::kEq || n.op == fhirpath::Op::kNe) {
          return StringEquality(n, focus, frame, out);
        }
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

 private:
  std::optional<Status> Member(const std::string& name, const fhirpath::Collection& in,
                               fhirpath::Collection* out) const {
    for (const fhirpath::Item& item : in) {
      if (!item.is_node()) return std::nullopt;
      const json::Value* obj = item.node().value;
      if (obj == nullptr || !obj->is_object()) return std::nullopt;
      const json::Value* v = obj->Find(name);
      if (v != nullptr && (v->is_array() || v->is_object())) return std::nullopt;
      if (obj != plain_ && HasExtension(*obj, name)) return std::nullopt;
      if (v != nullptr && !v->is_null()) {
        out->push_back(fhirpath::Item::Node(fhirpath::NodeRef{v, nullptr, ""}));
      }
    }
    return Status::Ok();
  }

  static bool HasExtension(const json::Value& obj, std::string_view name) {
    for (const json::Member& m : obj.members()) {
      if (m.key.size() == name.size() + 1 && m.key[0] == '_' &&
          m.key.compare(1, name.size(), name) == 0) {
        return true;
      }
    }
    return false;
  }

  // iif(criterion, a[, b]) over a Boolean-or-empty criterion.
  std::optional<Status> Iif(const fhirpath::Node& n, const fhirpath::Collection& focus,
                            const fhirpath::Frame& frame, fhirpath::Collection* out) {
    if (n.args.size() < 2 || n.args.size() > 3) return std::nullopt;
    fhirpath::Collection criterion;
    auto s = Eval(*n.args[0], focus, frame, &criterion);
    if (!s || !s->ok()) return s;
    bool take_first = false;
    if (criterion.size() == 1) {
      auto v = fhirpath::ToSystem(criterion[0]);
      if (!v || v->kind() != fhirpath::ItemKind::kBoolean) return std::nullopt;
      take_first = v->boolean();
    } else if (!criterion.empty()) {
      return std::nullopt;
    }
    if (take_first) return Eval(*n.args[1], focus, frame, out);
    if (n.args.size() == 3) return Eval(*n.args[2], focus, frame, out);
    return Status::Ok();
  }

  // `a = b` / `a != b` where both sides are at most one string.
  std::optional<Status> StringEquality(const fhirpath::Node& n, const fhirpath::Collection& focus,
                                       const fhirpath::Frame& frame, fhirpath::Collection* out) {
    fhirpath::Collection a, b;
    auto s = Eval(*n.focus, focus, frame, &a);
    if (!s || !s->ok()) return s;
    s = Eval(*n.rhs, focus, frame, &b);
    if (!s || !s->ok()) return s;
    if (a.size() > 1 || b.size() > 1) return std::nullopt;
    if (a.empty() || b.empty()) return Status::Ok();
    auto x = fhirpath::StringValue(a[0]);
    auto y = fhirpath::StringValue(b[0]);
    if (!x || !y) return std::nullopt;
    out->push_back(fhirpath::Item::Boolean((*x == *y) == (n.op == fhirpath::Op::kEq)));
    return Status::Ok();
  }

  std::optional<Status> Function(const fhirpath::Node& n, const fhirpath::Collection& focus,
                                 const fhirpath::Frame& frame, fhirpath::Collection* out) {
    const fhirpath::FunctionDef* fn = n.fn;
    if (fn == nullptr || fn->type_arg || fn->lazy_args != 0 ||
        n.args.size() > static_cast<std::size_t>(fhirpath::CallContext::kMaxArgs)) {
      return std::nullopt;
    }
    fhirpath::Collection input;
    const fhirpath::Collection* in = &focus;
    if (n.focus) {
      auto s = Eval(*n.focus, focus, frame, &input);
      if (!s || !s->ok()) return s;
      in = &input;
    }
    fhirpath::CallContext call(ev_, n, frame);
    for (std::size_t i = 0; i < n.args.size(); ++i) {
      auto s = Eval(*n.args[i], *frame.this_coll, frame, call.mutable_arg(static_cast<int>(i)));
      if (!s || !s->ok()) return s;
    }
    Status s = fn->impl(call, *in, out);
    if (s.ok()) s = ev_.CheckSize(*out);
    return s;
  }

  fhirpath::Evaluator ev_;
  const json::Value* plain_;
};

}  // namespace

RecordEvaluator::RecordEvaluator(const json::Value& record, const TransformEnv& env)
    : record_(record) {
  record_focus_.push_back(fhirpath::Item::Node(fhirpath::NodeRef{&record, nullptr, ""}));
  state_.env = &env;
  ctx_.resource = &record;
  ctx_.root_resource = &record;
  ctx_.variables.emplace("record", record_focus_);
  ctx_.user = &state_;
  record_plain_ = true;
  if (record.is_object()) {
    for (const json::Member& m : record.members()) {
      if (!m.key.empty() && m.key[0] == '_') record_plain_ = false;
    }
  }
}

std::optional<fhirpath::Collection> RecordEvaluator::Eval(const fhirpath::Expression& e,
                                                          const fhirpath::Collection& focus,
                                                          std::string_view location) {
  fhirpath::Collection values;
  FastEvaluator fast(ctx_, record_plain_ ? &record_ : nullptr);
  fhirpath::Frame frame{&focus, -1, nullptr};
  std::optional<Status> handled = fast.Eval(e.root(), focus, frame, &values);
  Status status;
  if (handled) {
    status = std::move(*handled);
  } else {
    values.clear();
    ctx_.input = focus;
    auto r = fhirpath::Evaluate(e, ctx_);
    if (r.ok()) return std::move(r).value();
    status = r.status();
  }
  if (status.ok()) return values;
  if (!state_.failure.code.empty()) {
    std::string code = std::move(state_.failure.code);
    Report(code.c_str(), location, state_.failure.detail, FieldOf(state_.failure.node));
    state_.failure = TransformFailure{};
  } else {
    Report(codes::kEvaluation, location, status.message() + " in '" + e.text() + "'");
  }
  return std::nullopt;
}

void RecordEvaluator::Report(const char* code, std::string_view location, std::string message,
                             std::string field) {
  MappingIssue mi;
  mi.issue.severity = Severity::kError;
  mi.issue.code = code;
  mi.issue.location = Fill(location);
  mi.issue.message = std::move(message);
  mi.rule = rule_;
  mi.field = std::move(field);
  issues_.push_back(std::move(mi));
}

void RecordEvaluator::PushEach(std::size_t i, const fhirpath::Item& item,
                               const fhirpath::Collection& parent) {
  EachFrame f;
  f.index = i;
  fhirpath::Collection& index = ctx_.variables["index"];
  fhirpath::Collection& it = ctx_.variables["item"];
  fhirpath::Collection& par = ctx_.variables["parent"];
  f.saved_index = std::move(index);
  f.saved_item = std::move(it);
  f.saved_parent = std::move(par);
  index.assign(1, fhirpath::Item::Integer(static_cast<std::int64_t>(i)));
  it.assign(1, item);
  par = parent;
  each_.push_back(std::move(f));
}

void RecordEvaluator::PopEach() {
  EachFrame& f = each_.back();
  ctx_.variables["index"] = std::move(f.saved_index);
  ctx_.variables["item"] = std::move(f.saved_item);
  ctx_.variables["parent"] = std::move(f.saved_parent);
  each_.pop_back();
}

bool RecordEvaluator::IsTrue(const fhirpath::Collection& c) {
  if (c.size() != 1) return false;
  auto v = fhirpath::ToSystem(c[0]);
  return v && v->kind() == fhirpath::ItemKind::kBoolean && v->boolean();
}

std::string RecordEvaluator::Fill(std::string_view location) const {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < location.size(); ++i) {
    if (location.compare(i, 3, "[*]") == 0 && next < each_.size()) {
      out += "[" + std::to_string(each_[next++].index) + "]";
      i += 2;
    } else {
      out.push_back(location[i]);
    }
  }
  return out;
}

std::string RecordEvaluator::FieldOf(const json::Value* node) const {
  std::string path;
  if (node == nullptr || !PathTo(record_, node, &path)) return {};
  return path;
}

}  // namespace gw::mapping
