// ElementWalker: slicing of the children of one object (slice membership, per-slice
// cardinality, closed and ordered slicing) and validation of items against their slice.
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

}  // namespace

void ElementWalker::ValidateSliceItem(const json::Value& item, const ProfileSchema& schema,
                                      const ElementRule& slice) {
  const TypeRule* type = slice.types.empty() ? nullptr : &slice.types[0];
  if (type != nullptr && !slice.has_children) type = TypeOfResourceItem(slice, item, type);
  if (type != nullptr && IsPrimitiveTypeCode(type->code)) {
    if (!item.is_object() && !item.is_array()) ValidatePrimitive(item, nullptr, slice, *type);
    return;
  }
  if (type != nullptr && !slice.has_children && type->schema != nullptr &&
      type->schema->kind == "resource") {
    ValidateResource(item, type, false, {});
    return;
  }
  ValidateComplex(item, ElementDef{&schema, &slice, type}, false);
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
          ValidateSliceItem(items[i], *src.schema, src.schema->at(child.slices[matched]));
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
