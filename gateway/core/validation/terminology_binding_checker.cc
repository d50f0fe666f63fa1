#include "gateway/core/validation/terminology_binding_checker.h"

#include <charconv>
#include <mutex>
#include <string>
#include <utility>

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

using terminology::BindingRequest;
using terminology::CodingRef;

constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

// Visits the codes of `value` as a binding check sees them: `add(system, code, display, index)`
// for each coding with a code (index: the position in CodeableConcept.coding, else kNoIndex;
// display empty where it is not compared). Returns false when there is nothing to check; sets
// *has_text for a CodeableConcept with text.
template <typename Add>
bool VisitCodes(const json::Value& value, std::string_view type, bool* has_text, Add add) {
  std::size_t added = 0;
  auto coding = [&](const json::Value& obj, bool with_display, std::size_t index) {
    std::string_view code = StringMember(obj, "code");
    if (code.empty()) return;
    add(StringMember(obj, "system"), code,
        with_display ? StringMember(obj, "display") : std::string_view(), index);
    ++added;
  };
  if (type == "CodeableConcept") {
    if (!value.is_object()) return false;
    const json::Value* codings = value.Find("coding");
    if (codings != nullptr && codings->is_array()) {
      for (std::size_t i = 0; i < codings->items().size(); ++i) {
        const json::Value& c = codings->items()[i];
        if (c.is_object()) coding(c, true, i);
      }
    }
    *has_text = !StringMember(value, "text").empty();
    // Codings with neither code nor anything else checkable: only text or extensions.
    return added != 0 || codings == nullptr;
  }
  if (type == "Coding") {
    if (!value.is_object()) return false;
    coding(value, true, kNoIndex);
    return added != 0;
  }
  if (type == "Quantity" || type == "Age" || type == "Duration" || type == "Distance" ||
      type == "Count" || type == "SimpleQuantity" || type == "MoneyQuantity") {
    if (!value.is_object()) return false;
    coding(value, false, kNoIndex);
    return added != 0;
  }
  if (!value.is_string() || value.string_value().empty()) return false;
  add(std::string_view(), value.string_value(), std::string_view(), kNoIndex);
  return true;
}

// Fills the codings of `request` from `value`; false when there is nothing to check.
bool Collect(const json::Value& value, std::string_view type, std::string_view location,
             BindingRequest* request) {
  return VisitCodes(value, type, &request->has_text,
                    [&](std::string_view system, std::string_view code, std::string_view display,
                        std::size_t index) {
                      CodingRef ref;
                      ref.system = std::string(system);
                      ref.code = std::string(code);
                      ref.display = std::string(display);
                      ref.location = std::string(location);
                      if (index != kNoIndex) {
                        ref.location += ".coding[" + std::to_string(index) + "]";
                      }
                      request->codings.push_back(std::move(ref));
                    });
}

// What the outcome of checking `value` against a binding depends on (not the locations), into
// *key; every text is preceded by its length, so no two different checks share a key. False
// when there is nothing to check (as Collect).
bool OutcomeKey(const json::Value& value, std::string_view type, std::string_view value_set,
                terminology::BindingStrength strength, bool additional, std::string* key) {
  key->clear();
  auto add = [key](std::string_view text) {
    char digits[24];
    char* end = std::to_chars(digits, digits + sizeof digits, text.size()).ptr;
    *end++ = ':';
    key->append(digits, end);
    key->append(text);
  };
  key->push_back(static_cast<char>('0' + static_cast<int>(strength)));
  key->push_back(additional ? 'a' : '-');
  add(value_set);
  bool has_text = false;
  bool check = VisitCodes(value, type, &has_text,
                          [&](std::string_view system, std::string_view code,
                              std::string_view display, std::size_t index) {
                            key->push_back(index == kNoIndex ? '.' : 'c');
                            add(system);
                            add(code);
                            add(display);
                          });
  key->push_back(has_text ? 't' : '-');
  return check;
}

}  // namespace

void TerminologyBindingChecker::Check(const json::Value& value, std::string_view type,
                                      const BindingRule& binding, bool additional,
                                      std::string_view location, IssueSink& sink) const {
  if (binding.value_set.empty()) return;
  auto strength = terminology::ParseBindingStrength(binding.strength);
  if (!strength || (*strength != terminology::BindingStrength::kRequired &&
                    *strength != terminology::BindingStrength::kExtensible)) {
    return;
  }
  if (remember_) {
    thread_local std::string key;
    if (!OutcomeKey(value, type, binding.value_set, *strength, additional, &key)) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = outcomes_.find(std::string_view(key));
    if (it != outcomes_.end()) {
      for (const Issue& i : it->second) {
        sink.Report(Issue{i.severity, i.code, std::string(location) + i.location, i.message});
      }
      return;
    }
  }
  BindingRequest request;
  request.strength = *strength;
  if (!Collect(value, type, location, &request)) return;
  request.value_set = binding.value_set;
  request.location = std::string(location);
  request.additional = additional;
  if (!remember_) return terminology_.CheckBinding(request, &sink);
  IssueList found;
  terminology_.CheckBinding(request, &found);
  std::vector<Issue> relative;
  bool replayable = true;
  for (const Issue& i : found.issues()) {
    if (i.location.compare(0, request.location.size(), request.location) != 0) {
      replayable = false;  // not under the check's location: not remembered
    } else {
      relative.push_back(Issue{i.severity, i.code, i.location.substr(request.location.size()),
                               i.message});
    }
    sink.Report(i);
  }
  if (!replayable) return;
  thread_local std::string key;
  OutcomeKey(value, type, binding.value_set, *strength, additional, &key);
  std::lock_guard<std::mutex> lock(mu_);
  if (outcomes_.size() >= kMaxRemembered) outcomes_.clear();
  outcomes_.emplace(key, std::move(relative));
}

void TerminologyBindingChecker::CheckBinding(const json::Value& value, std::string_view type,
                                             const BindingRule& binding, std::string_view location,
                                             IssueSink& sink) const {
  Check(value, type, binding, false, location, sink);
  for (const BindingRule& extra : binding.additional) {
    Check(value, type, extra, true, location, sink);
  }
}

}  // namespace gw::validation
