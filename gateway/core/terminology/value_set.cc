#include "gateway/core/terminology/value_set.h"

#include <utility>

namespace gw::terminology {
namespace {

std::string_view StringMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

std::string ListKey(const ComposePart& part, std::string_view code) {
  return part.case_sensitive ? std::string(code) : AsciiLower(code);
}

void ReadConceptList(const json::Value& list, ComposePart* part) {
  part->has_concepts = true;
  for (const json::Value& c : list.items()) {
    if (!c.is_object()) continue;
    ListedConcept listed{
        std::string(StringMember(c, "code")), std::string(StringMember(c, "display")), {}};
    if (listed.code.empty()) continue;
    if (const json::Value* d = c.Find("designation"); d != nullptr && d->is_array()) {
      for (const json::Value& designation : d->items()) {
        std::string_view value = StringMember(designation, "value");
        if (!value.empty()) listed.designations.emplace_back(value);
      }
    }
    auto index = static_cast<std::uint32_t>(part->concepts.size());
    if (part->listed_index.try_emplace(ListKey(*part, listed.code), index).second) {
      part->concepts.push_back(std::move(listed));
    }
  }
}

// Reads and, on a loaded code system, compiles the filters. kInvalidArgument makes the whole
// value set invalid; kUnimplemented only marks the part (answers become kUnknown).
Status ReadFilters(const json::Value& list, const TerminologyOptions& options, ComposePart* part) {
  for (const json::Value& f : list.items()) {
    auto spec = ReadFilter(f);
    if (!spec.ok()) return spec.status();
    part->filters.push_back(std::move(spec).value());
  }
  if (part->code_system == nullptr) return Status::Ok();
  for (const FilterSpec& spec : part->filters) {
    auto compiled = ConceptFilter::Compile(spec, *part->code_system, options);
    if (compiled.ok()) {
      part->compiled_filters.push_back(std::move(compiled).value());
    } else if (compiled.status().code() == StatusCode::kUnimplemented) {
      part->filter_status = compiled.status();
    } else {
      return compiled.status();
    }
  }
  return Status::Ok();
}

Status ReadValueSetRefs(const json::Value& list, ValueSetSource& source, ComposePart* part) {
  for (const json::Value& ref : list.items()) {
    if (!ref.is_string() || ref.string_value().empty()) {
      return InvalidArgument("compose valueSet entry is not a canonical");
    }
    auto nested = source.FindValueSet(ref.string_value());
    if (!nested.ok()) return nested.status();
    if (*nested == nullptr) {
      part->missing_value_sets.emplace_back(ref.string_value());
    } else {
      part->value_sets.push_back(*nested);
    }
  }
  return Status::Ok();
}

Result<ComposePart> ReadPart(const json::Value& include, ValueSetSource& source,
                             const TerminologyOptions& options) {
  if (!include.is_object()) return InvalidArgument("compose include/exclude is not an object");
  ComposePart part;
  part.system = StringMember(include, "system");
  part.version = StringMember(include, "version");
  const json::Value* concepts = include.Find("concept");
  const json::Value* filters = include.Find("filter");
  const json::Value* value_sets = include.Find("valueSet");
  if (part.system.empty() && (concepts != nullptr || filters != nullptr)) {
    return InvalidArgument("compose include lists concepts or filters without a system");
  }
  if (part.system.empty() && value_sets == nullptr) {
    return InvalidArgument("compose include has neither a system nor a valueSet");
  }
  if (!part.system.empty()) {
    part.code_system = source.FindCodeSystem(part.system, part.version);
    if (part.code_system != nullptr) {
      part.case_sensitive = part.code_system->case_sensitive();
    } else {
      part.special = ClassifySystem(part.system);
      part.case_sensitive =
          part.special != SpecialSystem::kLanguageTag && part.special != SpecialSystem::kMimeType;
    }
  }
  if (concepts != nullptr && concepts->is_array()) ReadConceptList(*concepts, &part);
  if (filters != nullptr && filters->is_array()) {
    GW_RETURN_IF_ERROR(ReadFilters(*filters, options, &part));
  }
  if (value_sets != nullptr && value_sets->is_array()) {
    GW_RETURN_IF_ERROR(ReadValueSetRefs(*value_sets, source, &part));
  }
  return part;
}

Status ReadParts(const json::Value* list, ValueSetSource& source, const TerminologyOptions& options,
                 std::vector<ComposePart>* out) {
  if (list == nullptr) return Status::Ok();
  if (!list->is_array()) return InvalidArgument("compose include/exclude is not an array");
  for (const json::Value& item : list->items()) {
    auto part = ReadPart(item, source, options);
    if (!part.ok()) return part.status();
    out->push_back(std::move(part).value());
  }
  return Status::Ok();
}

}  // namespace

const ListedConcept* ComposePart::FindListed(std::string_view code) const {
  auto it = case_sensitive ? listed_index.find(code) : listed_index.find(AsciiLower(code));
  return it == listed_index.end() ? nullptr : &concepts[it->second];
}

std::unique_ptr<CompiledValueSet> CompileValueSet(const json::Value& value_set,
                                                  std::string canonical, ValueSetSource& source,
                                                  const TerminologyOptions& options) {
  auto out = std::make_unique<CompiledValueSet>();
  out->canonical = std::move(canonical);
  out->url = StringMember(value_set, "url");
  out->version = StringMember(value_set, "version");
  if (value_set.Find("expansion") != nullptr) {
    auto stored = ReadStoredExpansion(value_set, options.max_expansion_size);
    if (stored.ok()) {
      out->stored_expansion = std::make_shared<const ValueSetExpansion>(std::move(stored).value());
    }
  }
  const json::Value* compose = value_set.Find("compose");
  if (compose == nullptr || !compose->is_object()) return out;
  out->has_compose = true;
  Status status = ReadParts(compose->Find("include"), source, options, &out->includes);
  if (status.ok()) status = ReadParts(compose->Find("exclude"), source, options, &out->excludes);
  if (!status.ok()) {
    out->status = Status(status.code(), "ValueSet " + out->url + ": " + status.message());
    out->includes.clear();
    out->excludes.clear();
  }
  return out;
}

}  // namespace gw::terminology
