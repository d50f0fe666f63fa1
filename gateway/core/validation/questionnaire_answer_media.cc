// Attachment and Reference answers (see questionnaire_answer_limits.h).
#include <optional>
#include <string>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_answer_limits.h"
#include "gateway/core/validation/questionnaire_codes.h"

namespace gw::validation {
namespace {

constexpr std::string_view kMimeType = "http://hl7.org/fhir/StructureDefinition/mimeType";
constexpr std::string_view kMaxSize = "http://hl7.org/fhir/StructureDefinition/maxSize";
constexpr std::string_view kReferenceResource =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-referenceResource";

// Decoded length of base64 text (white space ignored); nullopt when it is not whole quanta.
std::optional<std::uint64_t> DecodedLength(std::string_view data) {
  std::uint64_t chars = 0;
  std::uint64_t padding = 0;
  for (char c : data) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    ++chars;
    padding = c == '=' ? padding + 1 : 0;
  }
  if (chars % 4 != 0 || padding > 2) return std::nullopt;
  return chars / 4 * 3 - padding;
}

std::optional<fhirpath::Decimal> NumberOf(const json::Value* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return fhirpath::Decimal::Parse(v->number_text());
}

std::string ItemSuffix(const AnswerAt& at) {
  return " (item '" + std::string(at.item.link_id) + "')";
}

void CheckMimeType(const AnswerAt& at, const json::Value& attachment, IssueSink& sink) {
  std::vector<const json::Value*> allowed = ExtensionValues(*at.item.node, kMimeType);
  if (allowed.empty()) return;
  std::string_view type = StringMember(attachment, "contentType");
  for (const json::Value* a : allowed) {
    if (a->is_string() && a->string_value() == type) return;
  }
  ReportAt(
      sink, Severity::kError, codes::kQMimeType, at.answer_loc,
      "The attachment's mime type is not one of those allowed for this answer" + ItemSuffix(at));
}

}  // namespace

void CheckAttachment(const AnswerAt& at, IssueSink& sink) {
  const json::Value& attachment = *at.value.value;
  CheckMimeType(at, attachment, sink);
  std::optional<fhirpath::Decimal> stated = NumberOf(attachment.Find("size"));
  std::optional<std::uint64_t> actual;
  if (const json::Value* data = attachment.Find("data"); data != nullptr && data->is_string()) {
    actual = DecodedLength(data->string_value());
  }
  if (stated && actual &&
      stated->Compare(fhirpath::Decimal::FromInt(static_cast<std::int64_t>(*actual))) != 0) {
    ReportAt(sink, Severity::kError, codes::kQAttachmentSize, at.value_loc,
             "The attachment's stated size does not match the size of its data (" +
                 std::to_string(*actual) + " bytes)" + ItemSuffix(at));
  }
  std::vector<const json::Value*> max = ExtensionValues(*at.item.node, kMaxSize);
  std::optional<fhirpath::Decimal> limit = max.empty() ? std::nullopt : NumberOf(max[0]);
  if (!limit) return;
  std::optional<fhirpath::Decimal> size = stated;
  if (actual) size = fhirpath::Decimal::FromInt(static_cast<std::int64_t>(*actual));
  if (size && size->Compare(*limit) > 0) {
    ReportAt(sink, Severity::kError, codes::kQAttachmentTooLarge, at.answer_loc,
             "The attachment is too large (allowed = " + limit->ToString() +
                 ", found = " + size->ToString() + ")" + ItemSuffix(at));
  }
}

// The resource type a literal reference names ("Patient/1", "https://x.org/fhir/Patient/1",
// "Patient/1/_history/2"); empty for contained, urn: and search references.
std::string_view ReferencedType(std::string_view ref) {
  if (ref.empty() || ref[0] == '#' || ref.substr(0, 4) == "urn:") return {};
  if (ref.find('?') != std::string_view::npos) return {};
  if (std::size_t h = ref.find("/_history/"); h != std::string_view::npos) ref = ref.substr(0, h);
  std::size_t last = ref.rfind('/');
  if (last == std::string_view::npos || last == 0) return {};
  std::size_t prev = ref.rfind('/', last - 1);
  return prev == std::string_view::npos ? ref.substr(0, last)
                                        : ref.substr(prev + 1, last - prev - 1);
}

void CheckReference(const AnswerAt& at, IssueSink& sink) {
  std::string_view ref = StringMember(*at.value.value, "reference");
  if (ref.empty()) return;
  if (ref.find_first_of(" \t\r\n") != std::string_view::npos) {
    ReportAt(sink, Severity::kError, codes::kQReferenceInvalid, at.value_loc,
             "The reference is not a valid reference (it contains white space)" + ItemSuffix(at));
  }
  std::string_view type = ReferencedType(ref);
  if (type.empty() || type[0] < 'A' || type[0] > 'Z') return;
  const model::TypeModel* m =
      at.context.registry != nullptr ? at.context.registry->model() : nullptr;
  if (m != nullptr) {
    auto kind = m->KindOf(type);
    if (!kind || *kind != model::TypeKind::kResource) {
      ReportAt(sink, Severity::kError, codes::kQReferenceType, at.value_loc,
               "The reference names a resource type that does not exist" + ItemSuffix(at));
      return;
    }
  }
  std::vector<const json::Value*> allowed = ExtensionValues(*at.item.node, kReferenceResource);
  if (allowed.empty()) return;
  for (const json::Value* a : allowed) {
    if (a->is_string() && a->string_value() == type) return;
  }
  ReportAt(sink, Severity::kError, codes::kQReferenceType, at.value_loc,
           "The resource type '" + std::string(type) +
               "' is not one of the types allowed for this answer" + ItemSuffix(at));
}

}  // namespace gw::validation
