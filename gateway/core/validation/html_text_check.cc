#include "gateway/core/validation/html_text_check.h"

#include <string>

#include "gateway/core/validation/issue_codes.h"

namespace gw::validation {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::size_t FindHtmlTag(std::string_view text) {
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    std::size_t i = at + 1;
    if (i < text.size() && text[i] == '/') ++i;
    if (i >= text.size() || !IsAsciiLetter(text[i])) continue;
    while (i < text.size() && (IsAsciiLetter(text[i]) || (text[i] >= '0' && text[i] <= '9') ||
                               text[i] == '-')) {
      ++i;
    }
    if (i >= text.size()) continue;
    char c = text[i];
    if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return at;
  }
  return std::string_view::npos;
}

void CheckHtmlText(std::string_view type, std::string_view text, bool security_checks,
                   bool markdown_html_is_error, std::string_view location, IssueSink& sink) {
  bool is_string = type == "string";
  if (!(is_string && security_checks) && type != "markdown") return;
  if (text.find('<') == std::string_view::npos) return;
  std::size_t at = FindHtmlTag(text);
  if (at == std::string_view::npos) return;
  if (is_string) {
    sink.Report(Issue{Severity::kError, std::string(codes::kHtmlInString), std::string(location),
                      "The string value contains text that looks like embedded HTML tags, which "
                      "are not allowed for security reasons in this context"});
    return;
  }
  sink.Report(Issue{markdown_html_is_error ? Severity::kError : Severity::kWarning,
                    std::string(codes::kHtmlInMarkdown), std::string(location),
                    "The markdown contains content that appears to be an embedded HTML tag "
                    "starting at offset " + std::to_string(at) +
                        "; it will (or SHOULD) be escaped by the presentation layer"});
}

}  // namespace gw::validation
