#include "gateway/core/validation/structure_definition_check.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

// What kinds of constraint a data type supports.
enum Trait : std::uint8_t {
  kCanBind = 1,
  kHasLength = 2,
  kHasRange = 4,
  kHasTarget = 8,
};

std::uint8_t TraitsOf(std::string_view type) {
  struct Row {
    std::string_view type;
    std::uint8_t traits;
  };
  static constexpr Row kRows[] = {
      {"integer", kHasRange | kHasLength},
      {"integer64", kHasRange | kHasLength},
      {"decimal", kHasRange | kHasLength},
      {"instant", kHasRange | kHasLength},
      {"string", kHasLength | kCanBind},
      {"uri", kHasLength | kCanBind},
      {"date", kHasRange | kHasLength},
      {"dateTime", kHasRange | kHasLength},
      {"time", kHasRange | kHasLength},
      {"canonical", kHasTarget | kHasLength},
      {"code", kHasLength | kCanBind},
      {"id", kHasLength},
      {"markdown", kHasLength},
      {"oid", kHasLength | kCanBind},
      {"positiveInt", kHasRange | kHasLength},
      {"unsignedInt", kHasRange | kHasLength},
      {"url", kHasLength | kCanBind},
      {"uuid", kHasLength | kCanBind},
      {"Age", kHasRange | kCanBind},
      {"CodeableConcept", kCanBind},
      {"CodeableReference", kHasTarget | kCanBind},
      {"Coding", kCanBind},
      {"Count", kHasRange},
      {"Distance", kHasRange | kCanBind},
      {"Duration", kHasRange | kCanBind},
      {"Money", kHasRange},
      {"Quantity", kHasRange | kCanBind},
      {"Range", kCanBind},
      {"Reference", kHasTarget},
      {"Extension", kCanBind},
      {"MoneyQuantity", kHasRange | kCanBind},
      {"SimpleQuantity", kHasRange | kCanBind},
  };
  for (const Row& r : kRows) {
    if (r.type == type) return r.traits;
  }
  return 0;
}

std::string At(std::string_view base, std::string_view key, std::size_t i) {
  return std::string(base) + "." + std::string(key) + "[" + std::to_string(i) + "]";
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t p = s.find(sep, start);
    out.push_back(
        s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

const ElementRule* ByPath(const ProfileSchema& schema, std::string_view path) {
  for (const ElementRule& e : schema.elements) {
    if (e.path == path && e.slice_name.empty()) return &e;
  }
  return nullptr;
}

class Checker {
 public:
  Checker(const json::Value& sd, std::string_view location, const SchemaRegistry& registry,
          IssueSink& sink)
      : sd_(sd), location_(location), registry_(registry), sink_(sink) {
    std::string_view base_url = StringMember(sd, "baseDefinition");
    if (!base_url.empty()) base_ = registry.Get(base_url);
  }

  void Run() {
    for (std::string_view list : {"differential", "snapshot"}) {
      const json::Value* holder = sd_.Find(list);
      const json::Value* elements = holder != nullptr ? holder->Find("element") : nullptr;
      if (elements == nullptr || !elements->is_array()) continue;
      bool differential = list == "differential";
      std::string at = std::string(location_) + "." + std::string(list);
      for (std::size_t i = 0; i < elements->items().size(); ++i) {
        const json::Value& ed = elements->items()[i];
        if (!ed.is_object()) continue;
        std::string here = At(at, "element", i);
        CheckTraits(ed, here);
        if (!differential) continue;
        CheckRootSlicing(ed, here);
        CheckDiscriminators(ed, here);
        if (StringMember(sd_, "derivation") == "constraint") CheckPath(ed);
      }
    }
  }

 private:
  void Report(std::string_view code, std::string location, std::string message) {
    sink_.Report(
        Issue{Severity::kError, std::string(code), std::move(location), std::move(message)});
  }

  void CheckRootSlicing(const json::Value& ed, const std::string& here) {
    std::string_view path = StringMember(ed, "path");
    if (path.empty() || path.find('.') != std::string_view::npos || ed.Find("slicing") == nullptr) {
      return;
    }
    Report(codes::kDefinitionRootSlicing, here, "Slicing is not allowed at the root of a profile");
    Report(codes::kDefinitionSnapshot, std::string(location_),
           "The snapshot cannot be generated: the profile has slicing at the root ('" +
               std::string(path) + "')");
  }

  void CheckTraits(const json::Value& ed, const std::string& here) {
    const json::Value* types = ed.Find("type");
    if (types == nullptr || !types->is_array() || types->items().empty()) return;
    std::uint8_t traits = 0;
    std::string names;
    bool target = false;
    for (const json::Value& t : types->items()) {
      std::string_view code = StringMember(t, "code");
      if (code.empty()) return;  // a type given by extension only: not judged
      traits |= TraitsOf(code);
      if (!names.empty()) names += ", ";
      names += code;
      target |= t.Find("targetProfile") != nullptr && !(TraitsOf(code) & kHasTarget);
    }
    auto need = [&](bool present, std::uint8_t trait, std::string_view what) {
      if (!present || (traits & trait) != 0) return;
      Report(codes::kDefinitionTypeMismatch, here,
             "This element has " + std::string(what) + " but the types [" + names +
                 "] do not make this kind of constraint relevant");
    };
    need(ed.Find("binding") != nullptr, kCanBind, "a Binding");
    need(ed.Find("maxLength") != nullptr, kHasLength, "a MaxLength");
    need(PrefixedMember(ed, "minValue", nullptr) != nullptr, kHasRange, "a MinValue");
    need(PrefixedMember(ed, "maxValue", nullptr) != nullptr, kHasRange, "a MaxValue");
    if (target) {
      Report(codes::kDefinitionTypeMismatch, here,
             "This element has a targetProfile on a type [" + names + "] that has no target");
    }
  }

  // The element (and schema) whose children a discriminator path of `ed` starts from: the
  // sliced element's own children in the base, else its single type's.
  const ElementRule* SlicedElement(const json::Value& ed, const ProfileSchema** schema) {
    std::string_view path = StringMember(ed, "path");
    const json::Value* types = ed.Find("type");
    const ElementRule* rule = base_ != nullptr ? ByPath(*base_, path) : nullptr;
    if (rule != nullptr && rule->has_children) {
      *schema = base_;
      return rule;
    }
    std::string_view code;
    if (types != nullptr && types->is_array() && types->items().size() == 1) {
      code = StringMember(types->items()[0], "code");
    } else if (rule != nullptr && rule->types.size() == 1) {
      code = rule->types[0].code;
    }
    const ProfileSchema* ts = code.empty() ? nullptr : registry_.ForType(code);
    if (ts == nullptr) return nullptr;
    *schema = ts;
    return &ts->root();
  }

  void CheckDiscriminators(const json::Value& ed, const std::string& here) {
    const json::Value* slicing = ed.Find("slicing");
    const json::Value* ds = slicing != nullptr ? slicing->Find("discriminator") : nullptr;
    if (ds == nullptr || !ds->is_array()) return;
    for (std::size_t j = 0; j < ds->items().size(); ++j) {
      std::string_view dpath = StringMember(ds->items()[j], "path");
      std::string_view first = dpath.substr(0, dpath.find('.'));
      if (first.empty() || first.find_first_of("()$@%'[") != std::string_view::npos) continue;
      const ProfileSchema* schema = nullptr;
      const ElementRule* sliced = SlicedElement(ed, &schema);
      if (sliced == nullptr || schema->FindChildByName(*sliced, first) != nullptr) continue;
      Report(codes::kDefinitionDiscriminatorPath, At(here + ".slicing", "discriminator", j),
             "The discriminator path '" + std::string(dpath) +
                 "' does not appear to be valid for the element that is being sliced '" +
                 std::string(StringMember(ed, "path")) + "'");
    }
  }

  // The children container for the next path step below `cur` (reached in `s`), with `type`
  // forcing one type of a choice; false when it cannot be followed.
  bool Descend(const ProfileSchema** s, const ElementRule** cur, std::string_view type) {
    if (type.empty() && (*cur)->has_children) return true;
    if (type.empty() && (*cur)->content_reference >= 0) {
      *cur = &(*s)->at(static_cast<std::uint32_t>((*cur)->content_reference));
      return (*cur)->has_children;
    }
    if (type.empty()) {
      if ((*cur)->types.size() != 1) return false;
      type = (*cur)->types[0].code;
    }
    const ProfileSchema* ts = registry_.ForType(type);
    if (ts == nullptr || !ts->root().has_children) return false;
    *s = ts;
    *cur = &ts->root();
    return true;
  }

  void CheckPath(const json::Value& ed) {
    if (base_ == nullptr) return;
    std::string_view path = StringMember(ed, "path");
    std::vector<std::string_view> steps = Split(path, '.');
    for (std::string_view step : steps) {
      if (!step.empty()) continue;
      Report(codes::kDefinitionSnapshot, std::string(location_),
             "The snapshot cannot be generated: invalid path '" + std::string(path) +
                 "' in the differential (a name is missing)");
      return;
    }
    const ProfileSchema* s = base_;
    const ElementRule* cur = &base_->root();
    if (steps[0] != cur->path) return;
    std::string_view type;
    std::string prefix(steps[0]);
    for (std::size_t k = 1; k < steps.size(); ++k) {
      if (!Descend(&s, &cur, type)) return;
      type = {};
      std::string_view step = steps[k];
      std::string_view name = step;
      if (name.size() > 3 && name.substr(name.size() - 3) == "[x]") name.remove_suffix(3);
      if (const ElementRule* child = s->FindChildByName(*cur, name)) {
        cur = child;
      } else if (!RenamedChoice(*s, &cur, step, prefix, &type)) {
        return;
      }
      prefix += "." + std::string(step);
    }
  }

  // "valueQuantity" below `cur`: the choice element "value[x]" restricted to Quantity. False
  // when `step` is no renamed choice (an unknown name is not judged here); a renamed choice
  // naming a type the choice does not have is reported.
  bool RenamedChoice(const ProfileSchema& s, const ElementRule** cur, std::string_view step,
                     const std::string& prefix, std::string_view* type) {
    for (std::uint32_t c : (*cur)->children) {
      const ElementRule& child = s.at(c);
      if (!child.choice || step.size() <= child.name.size() ||
          step.substr(0, child.name.size()) != child.name) {
        continue;
      }
      char next = step[child.name.size()];
      if (next < 'A' || next > 'Z') continue;
      std::string_view suffix = step.substr(child.name.size());
      for (const TypeRule& t : child.types) {
        if (Capitalize(t.code) != suffix) continue;
        *cur = &child;
        *type = t.code;
        return true;
      }
      Report(codes::kDefinitionSnapshot, std::string(location_),
             "The snapshot cannot be generated: the path must be '" + prefix + "." + child.name +
                 "[x]' not '" + prefix + "." + std::string(step) +
                 "' when the type list is not constrained");
      return false;
    }
    return false;
  }

  const json::Value& sd_;
  std::string_view location_;
  const SchemaRegistry& registry_;
  IssueSink& sink_;
  const ProfileSchema* base_ = nullptr;
};

}  // namespace

void CheckStructureDefinition(const json::Value& sd, std::string_view location,
                              const SchemaRegistry& registry, IssueSink& sink) {
  if (!sd.is_object()) return;
  Checker(sd, location, registry, sink).Run();
}

}  // namespace gw::validation
