// Embedded HTML tags in string and markdown values (FHIR R4: string and markdown are not XHTML;
// markdown SHALL NOT contain raw HTML, presentation layers escape it).
//
// FindHtmlTag returns the offset of the first '<' that opens something shaped like an HTML tag
// ('<' or '</', an ASCII letter, letters/digits/'-', then whitespace, '>' or '/'), or npos.
// CheckHtmlText reports at `location`:
// - for `string` values, "text-html-in-string" (error) when `security_checks` is on;
// - for `markdown` values, "text-html-in-markdown", error when `markdown_html_is_error`, else
//   warning.
// Other types, and text without such a tag, report nothing. Work is linear in the text.
// Thread safety: pure functions; `sink` is only written.
#pragma once

#include <cstddef>
#include <string_view>

#include "gateway/core/base/issue.h"

namespace gw::validation {

std::size_t FindHtmlTag(std::string_view text);

void CheckHtmlText(std::string_view type, std::string_view text, bool security_checks,
                   bool markdown_html_is_error, std::string_view location, IssueSink& sink);

}  // namespace gw::validation
