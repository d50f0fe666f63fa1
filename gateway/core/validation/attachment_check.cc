#include "gateway/core/validation/attachment_check.h"

#include <charconv>
#include <cstdint>
#include <string>

#include "gateway/core/validation/issue_codes.h"

namespace gw::validation {
namespace {

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool EndsWithDomain(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace

std::optional<std::size_t> Base64DecodedSize(std::string_view text) {
  std::size_t chars = 0;
  std::size_t padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0 || !IsBase64Char(c)) return std::nullopt;
    ++chars;
  }
  if (padding > 2 || (chars + padding) % 4 == 1) return std::nullopt;
  return chars * 3 / 4;
}

bool IsExampleUrl(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view rest = url.substr(scheme + 3);
  std::string_view host = rest.substr(0, rest.find_first_of("/:?#"));
  std::string lower(host);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view d : {"example.org", "example.com", "example.net"}) {
    if (EndsWithDomain(lower, d)) return true;
  }
  return false;
}

void CheckAttachment(const json::Value& attachment, std::string_view location, IssueSink& sink) {
  if (!attachment.is_object()) return;
  const json::Value* data = attachment.Find("data");
  const json::Value* size = attachment.Find("size");
  if (data != nullptr && data->is_string() && size != nullptr && size->is_number()) {
    std::string_view t = size->number_text();
    std::uint64_t stated = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), stated);
    std::optional<std::size_t> actual = Base64DecodedSize(data->string_value());
    if (ec == std::errc() && end == t.data() + t.size() && actual && stated != *actual) {
      sink.Report(Issue{Severity::kError, std::string(codes::kAttachmentSize),
                        std::string(location),
                        "Stated Attachment Size " + std::string(t) +
                            " does not match actual attachment size " + std::to_string(*actual)});
    }
  }
}

}  // namespace gw::validation
