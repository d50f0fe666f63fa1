// Parsing of the HTTP header values the FHIR REST layer reads, and the values it writes.
//   ParseEtagVersion   If-Match / ETag: W/"3" or "3" → 3
//   ParsePrefer        Prefer: return=minimal|representation|OperationOutcome, handling=strict|lenient
//   NegotiateFormat    _format and Accept / Content-Type media types: JSON (FHIR or plain), XML
//                      (refused by the caller) or something else
//   HttpDate           RFC 7231 IMF-fixdate from milliseconds since the epoch (Last-Modified)
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::rest {

std::optional<std::int64_t> ParseEtagVersion(std::string_view value);
std::string EtagOf(std::int64_t version_id);  // W/"3"

enum class PreferReturn : std::uint8_t { kRepresentation, kMinimal, kOperationOutcome };

struct Prefer {
  PreferReturn ret = PreferReturn::kRepresentation;
  bool strict = false;  // handling=strict
};

Prefer ParsePrefer(std::string_view value);

enum class Format : std::uint8_t { kJson, kXml, kOther };

// The format a client asks for: `format_param` (_format, may be empty) wins over `accept`.
// Absent/empty, "*/*", "application/*", json, application/json, application/fhir+json (with
// parameters such as fhirVersion or charset) → kJson; xml forms → kXml; else kOther. In an
// Accept list the first acceptable entry decides (JSON preferred when listed at all).
Format RequestedFormat(std::string_view format_param, std::string_view accept);
// The format of a request body from its Content-Type ("" → kOther).
Format BodyFormat(std::string_view content_type);

std::string HttpDate(std::int64_t epoch_ms);

}  // namespace gw::rest
