// IndexEntries: the search index rows computed for one resource version, grouped by the
// SearchParameter type that produced them. Stores write them in the same transaction as the
// version and drop them when the resource changes or is deleted.
//
// Conventions shared by every store:
//  * `param` is the SearchParameter code ("identifier", "birthdate"); rows of one resource are
//    deduplicated (the same value reached by two paths is one row).
//  * Empty strings mean "absent" (a token without system has system ""; a text-only token row,
//    made from CodeableConcept.text, has code "").
//  * Instants are milliseconds since 1970-01-01T00:00:00Z; `high_ms` is the last millisecond
//    the value covers (inclusive). kMinInstantMs / kMaxInstantMs stand for an open end.
//  * Decimal values keep their exact text and a sort key (decimal_key.h) that orders as the
//    number does under a byte-wise comparison.
// Thread safety: plain values.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gw::search {

inline constexpr std::int64_t kMinInstantMs = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kMaxInstantMs = std::numeric_limits<std::int64_t>::max();

// Coding / CodeableConcept / Identifier / ContactPoint / code / boolean / id / string values.
struct TokenEntry {
  std::string param;
  std::string system;  // "" when the value has no system
  std::string code;    // "" for a text-only row
  std::string text;    // normalised display text for :text (Coding.display, .text, type.text)
  auto operator<=>(const TokenEntry&) const = default;
};

// string, markdown, HumanName and Address parts.
struct StringEntry {
  std::string param;
  std::string normalized;  // NormalizeString(exact): lower case, accents removed
  std::string exact;       // as written
  auto operator<=>(const StringEntry&) const = default;
};

// Reference, canonical (and uri used as a reference).
struct ReferenceEntry {
  std::string param;
  std::string target_type;  // "Patient"; "" when unknown (urn:uuid:, logical references)
  std::string target_id;    // "123"; "" when unknown
  std::string version;      // "2" for "Patient/123/_history/2" or "1.0" for "url|1.0"
  // The reference text as written when it is not a local "Type/id" reference: absolute URL,
  // urn:uuid:/urn:oid:, canonical URL (without "|version"), "#contained".
  std::string url;
  std::string identifier_system;  // Reference.identifier (logical reference), if any
  std::string identifier_value;
  auto operator<=>(const ReferenceEntry&) const = default;
};

// How precisely a date value was written (of the start, for a Period or Timing: of its
// earliest bound that is given).
enum class DatePrecision : std::uint8_t {
  kYear,
  kMonth,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond
};

// date, dateTime, instant, Period, Timing.
struct DateEntry {
  std::string param;
  std::int64_t low_ms = kMinInstantMs;   // first millisecond covered
  std::int64_t high_ms = kMaxInstantMs;  // last millisecond covered (inclusive)
  DatePrecision precision = DatePrecision::kMillisecond;
  auto operator<=>(const DateEntry&) const = default;
};

// integer, decimal, positiveInt, unsignedInt.
struct NumberEntry {
  std::string param;
  std::string value;     // exact decimal text ("1.50")
  std::string sort_key;  // DecimalSortKey(value)
  auto operator<=>(const NumberEntry&) const = default;
};

// Quantity (Age, Duration, ...), Money.
struct QuantityEntry {
  std::string param;
  std::string value;     // exact decimal text
  std::string sort_key;  // DecimalSortKey(value)
  std::string system;    // Quantity.system ("http://unitsofmeasure.org"), Money: ISO 4217
  std::string code;      // Quantity.code, Money.currency
  std::string unit;      // Quantity.unit (human text)
  // The value in UCUM base units when the unit is UCUM and convertible: base unit expression
  // ("g.m-3", "K", "1") and the value in it; empty otherwise.
  std::string canonical_unit;
  std::string canonical_value;
  std::string canonical_sort_key;
  auto operator<=>(const QuantityEntry&) const = default;
};

// uri, url, canonical, oid, uuid used by uri parameters.
struct UriEntry {
  std::string param;
  std::string uri;
  auto operator<=>(const UriEntry&) const = default;
};

struct IndexEntries {
  std::vector<TokenEntry> tokens;
  std::vector<StringEntry> strings;
  std::vector<ReferenceEntry> references;
  std::vector<DateEntry> dates;
  std::vector<NumberEntry> numbers;
  std::vector<QuantityEntry> quantities;
  std::vector<UriEntry> uris;

  std::size_t size() const {
    return tokens.size() + strings.size() + references.size() + dates.size() + numbers.size() +
           quantities.size() + uris.size();
  }
};

}  // namespace gw::search
