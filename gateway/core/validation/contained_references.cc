#include "gateway/core/validation/contained_references.h"

#include <set>
#include <string>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/xhtml_scan.h"

namespace gw::validation {
namespace {

using RefSet = std::set<std::string, std::less<>>;

// Adds the ids that `tree` refers to internally ("#id" → "id", "#" → ""); the top-level
// `contained` member is skipped when `skip_contained`.
void CollectInternalRefs(const json::Value& tree, bool skip_contained, RefSet* refs) {
  std::vector<const json::Value*> todo{&tree};
  bool top = true;
  while (!todo.empty()) {
    const json::Value* v = todo.back();
    todo.pop_back();
    if (v->is_array()) {
      for (const json::Value& i : v->items()) todo.push_back(&i);
      continue;
    }
    if (!v->is_object()) continue;
    for (const json::Member& m : v->members()) {
      if (top && skip_contained && m.key == "contained") continue;
      if (m.value.is_object() || m.value.is_array()) {
        todo.push_back(&m.value);
      } else if (m.value.is_string()) {
        std::string_view s = m.value.string_value();
        if (m.key == "div") {
          for (const XhtmlLink& l : ScanXhtml(s).links) {
            if (!l.value.empty() && l.value[0] == '#') refs->insert(l.value.substr(1));
          }
        } else if (!s.empty() && s[0] == '#') {
          refs->emplace(s.substr(1));
        }
      }
    }
    top = false;
  }
}

bool Referenced(std::size_t i, const std::vector<std::string_view>& ids,
                const std::vector<RefSet>& refs, const RefSet& base, std::vector<bool>* visiting) {
  if (base.count(ids[i]) > 0 || refs[i].count("") > 0) return true;
  (*visiting)[i] = true;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (k == i || (*visiting)[k] || refs[k].count(ids[i]) == 0) continue;
    if (Referenced(k, ids, refs, base, visiting)) {
      (*visiting)[i] = false;
      return true;
    }
  }
  (*visiting)[i] = false;
  return false;
}

}  // namespace

void CheckContainedReferenced(const json::Value& resource, std::string_view location,
                              IssueSink& sink) {
  const json::Value* contained = resource.Find("contained");
  if (contained == nullptr || !contained->is_array() || contained->items().empty()) return;
  RefSet base;
  CollectInternalRefs(resource, true, &base);
  std::vector<std::string_view> ids;
  std::vector<RefSet> refs(contained->items().size());
  for (std::size_t i = 0; i < contained->items().size(); ++i) {
    const json::Value& c = contained->items()[i];
    ids.push_back(StringMember(c, "id"));
    CollectInternalRefs(c, false, &refs[i]);
  }
  std::vector<bool> visiting(ids.size(), false);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!contained->items()[i].is_object() || Referenced(i, ids, refs, base, &visiting)) continue;
    sink.Report(Issue{Severity::kError, std::string(codes::kContainedUnreferenced),
                      std::string(location) + ".contained[" + std::to_string(i) + "]",
                      "The contained resource '" + std::string(ids[i]) +
                          "' is not referenced to from elsewhere in the containing resource nor "
                          "does it refer to the containing resource (dom-3)"});
  }
}

}  // namespace gw::validation
