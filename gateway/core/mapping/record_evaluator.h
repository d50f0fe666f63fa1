// RecordEvaluator: evaluates a plan's compiled expressions over one record and collects the
// MappingIssues that reject it.
//
// The record is the focus ($this) at the top and %record everywhere; inside a $each the item is
// the focus and %index its 0-based position. Eval() returns the values, or nullopt after
// reporting an issue (a transform's code with the record field it rejected, else
// mapping-evaluation-error). Locations are template locations with "[*]" placeholders, filled
// from the $each index stack (PushEach/PopEach).
// Thread safety: one RecordEvaluator per record and thread; the environment and expressions are
// shared read-only. The record must outlive the evaluator and every Collection it returns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/mapping/mapping_issue.h"
#include "gateway/core/mapping/transform_state.h"

namespace gw::mapping {

class RecordEvaluator {
 public:
  RecordEvaluator(const json::Value& record, const TransformEnv& env);
  RecordEvaluator(const RecordEvaluator&) = delete;
  RecordEvaluator& operator=(const RecordEvaluator&) = delete;

  const fhirpath::Collection& record_focus() const { return record_focus_; }

  std::optional<fhirpath::Collection> Eval(const fhirpath::Expression& e,
                                           const fhirpath::Collection& focus,
                                           std::string_view location);

  // Reports an issue at `location` (placeholders filled).
  void Report(const char* code, std::string_view location, std::string message,
              std::string field = {});

  void set_rule(std::string_view rule) { rule_ = rule; }
  // Enters item `i` of a $each over a collection evaluated with focus `parent`: %index is i
  // (0-based), %item the item (it stays the item inside where()/select()), %parent the focus
  // the $each was evaluated on, until PopEach() restores the enclosing values.
  void PushEach(std::size_t i, const fhirpath::Item& item, const fhirpath::Collection& parent);
  void PopEach();

  // The single value of `c` as a Boolean: true only for one item that is (or converts to) true.
  static bool IsTrue(const fhirpath::Collection& c);

  std::vector<MappingIssue>& issues() { return issues_; }

 private:
  std::string Fill(std::string_view location) const;
  std::string FieldOf(const json::Value* node) const;

  const json::Value& record_;
  bool record_plain_ = false;  // the record has no "_name" keys
  fhirpath::Collection record_focus_;
  TransformState state_;
  fhirpath::EvalContext ctx_;
  std::string rule_;
  struct EachFrame {
    std::size_t index;
    fhirpath::Collection saved_index, saved_item, saved_parent;
  };
  std::vector<EachFrame> each_;
  std::vector<MappingIssue> issues_;
};

}  // namespace gw::mapping
