// Stable codes of the feed readers' problems (tests assert these, never message text).
// Record-level codes describe one record that was skipped; the reader goes on with the next.
// Feed-level codes (marked) stop the feed: nothing after them can be read reliably.
#pragma once

#include <string_view>

namespace gw::feeds::codes {

// CSV, feed level.
inline constexpr std::string_view kCsvNoHeader = "csv-no-header";                         // feed
inline constexpr std::string_view kCsvHeaderEmptyName = "csv-header-empty-name";          // feed
inline constexpr std::string_view kCsvHeaderDuplicateName = "csv-header-duplicate-name";  // feed
// The header line itself is malformed (a quote problem, invalid UTF-8, over a byte limit).
inline constexpr std::string_view kCsvHeaderMalformed = "csv-header-malformed";              // feed
inline constexpr std::string_view kCsvHeaderTooManyColumns = "csv-header-too-many-columns";  // feed
// CSV, record level.
inline constexpr std::string_view kCsvFieldCount =
    "csv-field-count";  // fewer or more than the header
inline constexpr std::string_view kCsvInvalidUtf8 = "csv-invalid-utf8";
inline constexpr std::string_view kCsvQuoteInUnquotedField = "csv-quote-in-unquoted-field";
inline constexpr std::string_view kCsvTextAfterQuote = "csv-text-after-closing-quote";
inline constexpr std::string_view kCsvUnterminatedQuote =
    "csv-unterminated-quote";  // at end of input
inline constexpr std::string_view kCsvRecordTooLarge = "csv-record-too-large";
inline constexpr std::string_view kCsvFieldTooLarge = "csv-field-too-large";
// NDJSON, line level.
inline constexpr std::string_view kNdjsonNotJson = "ndjson-not-json";  // cause: the parser's code
inline constexpr std::string_view kNdjsonNotObject = "ndjson-not-object";
inline constexpr std::string_view kNdjsonLineTooLong = "ndjson-line-too-long";
inline constexpr std::string_view kNdjsonTruncatedLine = "ndjson-truncated-line";  // last line

}  // namespace gw::feeds::codes
