#include "gateway/core/rest/http_headers.h"

#include <array>
#include <charconv>

#include "gateway/core/search/instant.h"

namespace gw::rest {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

// One media type (parameters dropped, lower case) → format.
Format FormatOf(std::string_view media) {
  media = Trim(media.substr(0, media.find(';')));
  std::string m = Lower(media);
  if (m.empty() || m == "*/*" || m == "application/*" || m == "json" || m == "application/json" ||
      m == "application/fhir+json" || m == "application/json+fhir" || m == "text/json") {
    return Format::kJson;
  }
  if (m == "xml" || m == "application/xml" || m == "application/fhir+xml" ||
      m == "application/xml+fhir" || m == "text/xml" || m == "html" || m == "text/html") {
    return Format::kXml;
  }
  return Format::kOther;
}

}  // namespace

std::optional<std::int64_t> ParseEtagVersion(std::string_view value) {
  value = Trim(value);
  if (value.rfind("W/", 0) == 0) value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size() || value.empty() || v < 1) {
    return std::nullopt;
  }
  return v;
}

std::string EtagOf(std::int64_t version_id) {
  return "W/\"" + std::to_string(version_id) + "\"";
}

Prefer ParsePrefer(std::string_view value) {
  Prefer p;
  while (!value.empty()) {
    std::size_t comma = value.find_first_of(",;");
    std::string item = Lower(Trim(value.substr(0, comma)));
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    if (item == "return=minimal") p.ret = PreferReturn::kMinimal;
    if (item == "return=representation") p.ret = PreferReturn::kRepresentation;
    if (item == "return=operationoutcome") p.ret = PreferReturn::kOperationOutcome;
    if (item == "handling=strict") p.strict = true;
    if (item == "handling=lenient") p.strict = false;
  }
  return p;
}

Format RequestedFormat(std::string_view format_param, std::string_view accept) {
  if (!Trim(format_param).empty()) return FormatOf(format_param);
  if (Trim(accept).empty()) return Format::kJson;
  Format first = Format::kOther;
  bool any = false;
  while (true) {
    std::size_t comma = accept.find(',');
    Format f = FormatOf(accept.substr(0, comma));
    if (f == Format::kJson) return Format::kJson;
    if (!any) first = f;
    any = true;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return first;
}

Format BodyFormat(std::string_view content_type) {
  if (Trim(content_type).empty()) return Format::kOther;
  Format f = FormatOf(content_type);
  if (f == Format::kJson && Trim(content_type.substr(0, content_type.find(';'))).find('*') !=
                                std::string_view::npos) {
    return Format::kOther;  // a wildcard is not a body type
  }
  return f;
}

std::string HttpDate(std::int64_t epoch_ms) {
  static constexpr std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr",
                                                          "May", "Jun", "Jul", "Aug",
                                                          "Sep", "Oct", "Nov", "Dec"};
  // FormatInstant gives YYYY-MM-DDThh:mm:ss.sssZ; the weekday comes from the day number.
  std::string iso = search::FormatInstant(epoch_ms);
  std::int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int wd = static_cast<int>(((days % 7) + 7) % 7);
  int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  std::string out;
  out.reserve(29);
  out.append(kDays[wd]).append(", ").append(iso, 8, 2).append(" ").append(kMonths[month - 1]);
  out.append(" ").append(iso, 0, 4).append(" ").append(iso, 11, 8).append(" GMT");
  return out;
}

}  // namespace gw::rest
