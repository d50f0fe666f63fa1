#include "gateway/core/validation/slicing.h"

#include <vector>

#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/value_check.h"

namespace gw::validation {
namespace {

// Splits "a.extension('u').b" at top-level dots.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '\'') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == '.' && depth == 0) {
      parts.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(path.substr(start));
  return parts;
}

void Flatten(const json::Value* v, std::vector<const json::Value*>* out) {
  if (v == nullptr) return;
  if (v->is_array()) {
    for (const json::Value& i : v->items()) out->push_back(&i);
  } else {
    out->push_back(v);
  }
}

std::string_view QuotedArg(std::string_view step) {
  std::size_t a = step.find('\'');
  std::size_t b = step.rfind('\'');
  if (a == std::string_view::npos || b <= a) return {};
  return step.substr(a + 1, b - a - 1);
}

// The rule (and its schema) reached from `rule` by one path step, descending into the type's
// schema when the rule has no children.
struct RuleRef {
  const ProfileSchema* schema = nullptr;
  const ElementRule* rule = nullptr;
};

RuleRef Descend(RuleRef at, std::string_view step) {
  if (at.rule == nullptr) return {};
  if (!at.rule->has_children && at.rule->content_reference >= 0) {
    const ProfileSchema* s =
        at.rule->content_schema != nullptr ? at.rule->content_schema : at.schema;
    at = {s, &s->at(static_cast<std::uint32_t>(at.rule->content_reference))};
  } else if (!at.rule->has_children) {
    if (at.rule->types.empty() || at.rule->types[0].schema == nullptr) return {};
    at = {at.rule->types[0].schema, &at.rule->types[0].schema->root()};
  }
  if (step.rfind("extension(", 0) == 0) {
    std::string_view url = QuotedArg(step);
    const ElementRule* ext = at.schema->FindChildByName(*at.rule, "extension");
    if (ext == nullptr) return {};
    for (std::uint32_t s : ext->slices) {
      const ElementRule& slice = at.schema->at(s);
      for (const TypeRule& t : slice.types) {
        for (const std::string& p : t.profiles) {
          if (std::string_view(p).substr(0, p.find('|')) == url) return {at.schema, &slice};
        }
      }
    }
    return {};
  }
  std::string_view name = step;
  if (name.size() > 3 && name.substr(name.size() - 3) == "[x]") name.remove_suffix(3);
  const ElementRule* child = at.schema->FindChildByName(*at.rule, name);
  // Through a sliced element ("code.coding.code" where coding is sliced) the values are those
  // of its first slice that is not sliced again, as the reference validator reads them.
  if (child != nullptr && child->slicing) {
    for (std::uint32_t s : child->slices) {
      if (!at.schema->at(s).slicing) return {at.schema, &at.schema->at(s)};
    }
  }
  return {at.schema, child};
}

const json::Value* RuleValue(const RuleRef& r, bool* is_pattern) {
  if (r.rule == nullptr) return nullptr;
  if (r.rule->fixed) {
    *is_pattern = false;
    return &*r.rule->fixed;
  }
  if (r.rule->pattern) {
    *is_pattern = true;
    return &*r.rule->pattern;
  }
  // An extension slice: its url is fixed by the extension's own definition.
  if (r.rule->name == "url" || r.rule->types.empty()) return nullptr;
  return nullptr;
}

RuleRef RuleAtPath(const ProfileSchema& schema, const ElementRule& slice, std::string_view path) {
  RuleRef at{&schema, &slice};
  if (path == "$this") return at;
  for (std::string_view step : SplitPath(path)) {
    if (step.rfind("ofType(", 0) == 0 || step == "$this") continue;
    at = Descend(at, step);
    if (at.rule == nullptr) return {};
  }
  return at;
}

bool Unfollowable(std::string_view path) {
  return path.find("resolve()") != std::string_view::npos ||
         (path.find('(') != std::string_view::npos &&
          path.find("extension(") == std::string_view::npos &&
          path.find("ofType(") == std::string_view::npos);
}

bool ValueMatch(const std::vector<const json::Value*>& values, const json::Value& expected,
                bool pattern) {
  for (const json::Value* v : values) {
    if (pattern ? MatchesPattern(expected, *v) : MatchesFixed(expected, *v)) return true;
  }
  return false;
}

// Extension slices without a fixed url in the slice itself: the url is the type profile.
const std::string* ExtensionSliceUrl(const ElementRule& slice) {
  for (const TypeRule& t : slice.types) {
    if (t.code == "Extension" && !t.profiles.empty()) return &t.profiles[0];
  }
  return nullptr;
}

bool TypeMatch(const json::Value& item, const ElementRule& slice) {
  std::string_view rt = StringMember(item, "resourceType");
  if (rt.empty() || slice.types.empty()) return true;
  for (const TypeRule& t : slice.types) {
    if (t.code == rt || (t.schema != nullptr && t.schema->type == rt)) return true;
  }
  return false;
}

}  // namespace

void ValuesAtPath(const json::Value& item, std::string_view path,
                  std::vector<const json::Value*>* out) {
  std::vector<const json::Value*> cur{&item};
  if (path == "$this") {
    *out = cur;
    return;
  }
  for (std::string_view step : SplitPath(path)) {
    std::vector<const json::Value*> next;
    if (step.rfind("ofType(", 0) == 0 || step == "$this") continue;
    bool ext = step.rfind("extension(", 0) == 0;
    std::string_view url = ext ? QuotedArg(step) : std::string_view{};
    for (const json::Value* v : cur) {
      if (!v->is_object()) continue;
      if (ext) {
        std::vector<const json::Value*> exts;
        Flatten(v->Find("extension"), &exts);
        for (const json::Value* e : exts) {
          if (StringMember(*e, "url") == url) next.push_back(e);
        }
        continue;
      }
      const json::Value* child = v->Find(step);
      if (child == nullptr && step.size() > 3 && step.substr(step.size() - 3) == "[x]") {
        std::string_view suffix;
        child = PrefixedMember(*v, step.substr(0, step.size() - 3), &suffix);
      }
      Flatten(child, &next);
    }
    cur = std::move(next);
  }
  *out = std::move(cur);
}

bool SliceMatch(const json::Value& item, const ProfileSchema& schema, const ElementRule& sliced,
                const ElementRule& slice, const ProfileCheck& profile_check,
                const ValueSetCheck& value_set_check, bool* uncertain) {
  if (!sliced.slicing) return false;
  for (const Discriminator& d : sliced.slicing->discriminators) {
    if (Unfollowable(d.path) && d.kind != DiscriminatorKind::kType &&
        d.kind != DiscriminatorKind::kProfile) {
      continue;
    }
    std::vector<const json::Value*> values;
    ValuesAtPath(item, d.path, &values);
    // The slice's rule at the discriminator path, found once for every check below.
    RuleRef at;
    if (d.kind != DiscriminatorKind::kProfile) {
      // Whatever the discriminator type, a slice that prohibits the element (max 0) claims
      // exactly the items without it.
      at = RuleAtPath(schema, slice, d.path);
      if (at.rule != nullptr && at.rule->max == 0) {
        if (!values.empty()) return false;
        continue;
      }
    }
    switch (d.kind) {
      case DiscriminatorKind::kValue:
      case DiscriminatorKind::kPattern: {
        if (d.path == "url") {
          if (const std::string* url = ExtensionSliceUrl(slice)) {
            std::string_view want = *url;
            want = want.substr(0, want.find('|'));
            if (StringMember(item, "url") != want) return false;
            continue;
          }
        }
        bool is_pattern = d.kind == DiscriminatorKind::kPattern;
        const json::Value* expected = RuleValue(at, &is_pattern);
        if (expected == nullptr) {
          // A required binding discriminates (some value must be in the value set); weaker
          // bindings do not, and such a discriminator claims nothing.
          if (at.rule != nullptr && at.rule->binding && at.rule->binding->strength == "required" &&
              !at.rule->binding->value_set.empty()) {
            if (!value_set_check) return false;
            bool any = false;
            bool unknown = false;
            for (const json::Value* v : values) {
              std::optional<bool> in = value_set_check(*v, *at.rule);
              any = any || (in && *in);
              unknown = unknown || !in;
            }
            if (!any && !unknown) return false;
            if (!any && uncertain != nullptr) *uncertain = true;
          }
          continue;
        }
        if (!ValueMatch(values, *expected, is_pattern)) return false;
        break;
      }
      case DiscriminatorKind::kExists: {
        if (at.rule == nullptr) continue;
        if (at.rule->min > 0 && values.empty()) return false;
        if (at.rule->max == 0 && !values.empty()) return false;
        break;
      }
      case DiscriminatorKind::kType: {
        if (at.rule == nullptr || values.empty()) break;
        if (!TypeMatch(*values[0], *at.rule)) return false;
        break;
      }
      case DiscriminatorKind::kProfile: {
        if (!profile_check) continue;
        const json::Value* target = values.empty() ? &item : values[0];
        std::string_view rule_path = d.path;
        std::size_t resolve = rule_path.find(".resolve()");
        if (resolve != std::string_view::npos) rule_path = rule_path.substr(0, resolve);
        if (rule_path == "resolve()") rule_path = "$this";
        at = RuleAtPath(schema, slice, rule_path);
        if (at.rule == nullptr) break;
        // The profiles of all the slice's types are alternatives: conforming to one of them
        // is enough; a slice without any claims every item.
        bool any_profile = false;
        bool conforms = false;
        bool by_reference = d.path.find("resolve()") != std::string_view::npos;
        for (const TypeRule& t : at.rule->types) {
          for (const std::string& p : by_reference ? t.target_profiles : t.profiles) {
            any_profile = true;
            if (!conforms && profile_check(*target, p)) conforms = true;
          }
        }
        if (any_profile && !conforms) return false;
        break;
      }
    }
  }
  return true;
}

}  // namespace gw::validation
