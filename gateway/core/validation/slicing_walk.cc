// ElementWalker: slicing of the children of one object (slice membership, per-slice
// cardinality, closed and ordered slicing) and validation of items against their slice.
#include <optional>
#include <string_view>

#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/slicing.h"

namespace gw::validation {
namespace {

class CountingSink final : public IssueSink {
 public:
  void Report(Issue issue) override {
    if (issue.severity == Severity::kError || issue.severity == Severity::kFatal) ++errors;
  }
  int errors = 0;
};

// Reads a binding check as membership: an error is "not a member"; "not checked" and value
// sets that cannot be used are "unknown".
class MembershipSink final : public IssueSink {
 public:
  void Report(Issue issue) override {
    if (issue.severity == Severity::kError || issue.severity == Severity::kFatal) no = true;
    if (issue.code == terminology::kIssueCodeNotChecked ||
        issue.code == terminology::kIssueCodeValueSetNotFound ||
        issue.code == terminology::kIssueCodeValueSetInvalid) {
      unknown = true;
    }
  }
  std::optional<bool> Answer() const {
    if (no) return false;
    if (unknown) return std::nullopt;
    return true;
  }
  bool no = false;
  bool unknown = false;
};

// The type of `rule` with code `code`; nullptr when it has none.
const TypeRule* SameCodeType(const ElementRule& rule, std::string_view code) {
  for (const TypeRule& t : rule.types) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

// True when a Reference of type `a` is checked exactly as one of type `b`.
bool SameReferenceRules(const TypeRule& a, const TypeRule& b) {
  return a.target_profiles == b.target_profiles && a.target_types == b.target_types &&
         a.aggregation == b.aggregation;
}

bool SameBinding(const BindingRule& a, const BindingRule& b) {
  if (a.strength != b.strength || a.value_set != b.value_set ||
      a.additional.size() != b.additional.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.additional.size(); ++i) {
    if (!SameBinding(a.additional[i], b.additional[i])) return false;
  }
  return true;
}

// True when both elements carry the same binding (a slice that repeats its element's binding).
bool SameBinding(const std::optional<BindingRule>& a, const std::optional<BindingRule>& b) {
  return a.has_value() == b.has_value() && (!a || SameBinding(*a, *b));
}

}  // namespace

void ElementWalker::ValidateSliceItem(const json::Value& item, const ProfileSchema& schema,
                                      const ElementRule& sliced, const ElementRule& slice) {
  const TypeRule* type = slice.types.empty() ? nullptr : &slice.types[0];
  if (type != nullptr && !slice.has_children) type = TypeOfResourceItem(slice, item, type);
  if (type != nullptr && IsPrimitiveTypeCode(type->code)) {
    // Value rules, binding and invariants of the slice (ValidatePrimitive runs them all).
    if (!item.is_object() && !item.is_array()) ValidatePrimitive(item, nullptr, slice, *type);
    return;
  }
  bool resource = type != nullptr && type->schema != nullptr && type->schema->kind == "resource";
  if (resource && slice.name == "contained" && !options_.validate_contained) return;
  if (resource && !slice.has_children) {
    ValidateResource(item, type, false, {});
    return;
  }
  // Structure, fixed/pattern values and invariants of the slice (ValidateComplex runs them).
  ValidateComplex(item, ElementDef{&schema, &slice, type}, resource);
  if (resource || type == nullptr || !item.is_object()) return;
  // What ValidateItem() adds after the structure, where the slice says more than the sliced
  // element (whose own rules ValidateMembers() has already applied to this item). Extensions
  // are checked by url whatever the slice, so that check is never repeated here.
  const TypeRule* base = SameCodeType(sliced, type->code);
  if (type->code == "Reference" && (base == nullptr || !SameReferenceRules(*type, *base))) {
    CheckReference(item, *type);
  }
  if (slice.binding && options_.bindings != nullptr &&
      !SameBinding(slice.binding, sliced.binding)) {
    CheckBinding(item, slice, type->code);
  }
}

void ElementWalker::CheckSlicing(const json::Value& obj, const Source& src) {
  for (std::uint32_t c : src.rule->children) {
    const ElementRule& child = src.schema->at(c);
    if (child.slices.empty() || !child.slicing) continue;
    std::string_view suffix;
    const json::Value* v = child.choice ? PrefixedMember(obj, child.name, &suffix)
                                        : obj.Find(child.name);
    std::vector<std::uint32_t> counts(child.slices.size(), 0);
    std::vector<std::uint32_t> maybe_counts(child.slices.size(), 0);
    ProfileCheck profile_check = [this](const json::Value& item, std::string_view profile) {
      const ProfileSchema* s = registry_.Get(profile);
      if (s == nullptr) return true;
      CountingSink counting;
      ElementWalker sub(registry_, options_, counting);
      sub.target_check_depth_ = target_check_depth_;
      sub.frames_ = frames_;
      sub.path_ = path_;
      sub.ValidateObjectAgainst(item, *s);
      return counting.errors == 0;
    };
    ValueSetCheck value_set_check;
    if (options_.bindings != nullptr) {
      value_set_check = [this](const json::Value& value, const ElementRule& rule) {
        BindingRule required{"required", rule.binding->value_set};
        // Both arms as string_view: a const char* arm would make the result a temporary string.
        std::string_view type = rule.types.empty() ? std::string_view("CodeableConcept")
                                                   : std::string_view(rule.types[0].code);
        MembershipSink membership;
        options_.bindings->CheckBinding(value, type, required, path_, membership);
        return membership.Answer();
      };
    }
    if (v != nullptr) {
      std::span<const json::Value> items = v->is_array() ? v->items() : std::span<const json::Value>(v, 1);
      int last = -1;
      std::string step;
      PathScope name_scope(
          *this, child.choice ? ChoiceStep(child.name, ChoiceTypeOfSuffix(child, suffix), &step)
                              : std::string_view(child.name));
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].is_null()) continue;
        // The first slice that certainly matches; else the first that may (value set not
        // checkable offline): such an item counts toward no maximum and is not checked against
        // the slice, but it may fill a minimum and is not "unmatched".
        int matched = -1;
        int maybe = -1;
        for (std::size_t s = 0; s < child.slices.size() && matched < 0; ++s) {
          bool uncertain = false;
          if (SliceMatch(items[i], *src.schema, child, src.schema->at(child.slices[s]), profile_check,
                         value_set_check, &uncertain)) {
            if (!uncertain) {
              matched = static_cast<int>(s);
            } else if (maybe < 0) {
              maybe = static_cast<int>(s);
            }
          }
        }
        if (matched < 0 && maybe >= 0) {
          ++maybe_counts[maybe];
          continue;
        }
        std::size_t before = path_.size();
        if (child.repeating) {
          path_ += '[';
          path_ += std::to_string(i);
          path_ += ']';
        }
        if (matched < 0) {
          if (child.slicing->rules == SlicingRules::kClosed) {
            Report(Severity::kError, codes::kSliceUnmatched,
                   "item does not match any slice of " + child.id + " (closed slicing)");
          }
          if (child.slicing->rules == SlicingRules::kOpenAtEnd && last >= 0) {
            last = static_cast<int>(child.slices.size());
          }
        } else {
          ++counts[matched];
          if (child.slicing->ordered && matched < last) {
            Report(Severity::kError, codes::kSliceOrder, "slices of " + child.id + " out of order");
          }
          last = matched;
          ValidateSliceItem(items[i], *src.schema, child, src.schema->at(child.slices[matched]));
        }
        path_.resize(before);
      }
    }
    for (std::size_t s = 0; s < child.slices.size(); ++s) {
      const ElementRule& slice = src.schema->at(child.slices[s]);
      if (counts[s] + maybe_counts[s] < slice.min) {
        Report(Severity::kError, codes::kMinCardinality,
               slice.id + ": minimum required = " + std::to_string(slice.min) + ", but only found " +
                   std::to_string(counts[s]));
      }
      if (slice.max != kUnbounded && counts[s] > slice.max) {
        Report(Severity::kError, codes::kMaxCardinality,
               slice.id + ": max allowed = " + std::to_string(slice.max) + ", but found " +
                   std::to_string(counts[s]));
      }
    }
  }
}

}  // namespace gw::validation
