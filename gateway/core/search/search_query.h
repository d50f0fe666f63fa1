// SearchQuery: a search over one resource type as typed predicates, the value object the REST
// layer builds from a search request and every ResourceStore evaluates the same way.
//
// A query is an AND of clauses; a clause is an OR of predicates on one parameter. Values are
// already parsed: the REST layer resolves prefixes, partial dates (to the range they cover),
// modifiers and escapes; stores only compare. Semantics every store implements:
//
//  token      system nullopt: any system; "": only values without a system; code nullopt:
//             any code of the system ("system|"). `text` set (the :text modifier): prefix of the
//             normalised display text (NormalizeString is applied by the store).
//  string     kStartsWith (default) and kContains compare NormalizeString(value) with the
//             normalised index value; kExact compares the exact text.
//  reference  `id` set: local references to type/id (any type when `type` is ""); else `url`
//             set: the url column (absolute URL, canonical without version, urn:); `version`
//             narrows both. `identifier` (the :identifier modifier) matches
//             Reference.identifier. `chain` (one level): references to resources of type
//             chain->resource_type that match chain->clauses.
//  date       [low_ms, high_ms] is the range of the search value; the target range [tlo, thi]:
//             eq: slo<=tlo and thi<=shi; ne: not eq; gt: thi>shi; lt: tlo<slo; ge: thi>=slo;
//             le: tlo<=shi; sa: tlo>shi; eb: thi<slo; ap: the ranges overlap (the REST layer
//             widens the search range by the approximation it wants).
//  number     by NumberCondition() (search_bounds.h): eq/ne use the range implied by the
//             value's precision (100 → [99.5, 100.5)), ap is ±10%.
//  quantity   as number on the value; with system http://unitsofmeasure.org and a code that
//             converts, compared in UCUM base units with targets that have a canonical form
//             (and on the value and code as written for the others); otherwise system (when
//             given) must equal and code must equal the code or, when no system is given,
//             the unit. Empty code: any unit.
//  uri        kExact; kBelow: the uri starts with the value; kAbove: the value starts with it.
//
// `_id` (token code) and `_lastUpdated` (date) are columns of the stored version.
// A clause with `negate` (:not) matches resources for which no predicate matches, including
// those without any value. `missing` (the :missing modifier) ignores `any_of`.
// Sort keys: "_id", "_lastUpdated", or a string/token/date/number/quantity/uri parameter
// (ascending by the smallest value, descending by the largest; resources without a value last).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::search {

enum class Prefix : std::uint8_t { kEq, kNe, kGt, kLt, kGe, kLe, kSa, kEb, kAp };

struct SearchQuery;

struct TokenPredicate {
  std::optional<std::string> system;
  std::optional<std::string> code;
  std::optional<std::string> text;
};

struct StringPredicate {
  enum class Mode : std::uint8_t { kStartsWith, kExact, kContains };
  Mode mode = Mode::kStartsWith;
  std::string value;
};

struct ReferencePredicate {
  std::string type;
  std::string id;
  std::string url;
  std::string version;
  std::optional<TokenPredicate> identifier;
  std::shared_ptr<const SearchQuery> chain;
};

struct DatePredicate {
  Prefix prefix = Prefix::kEq;
  std::int64_t low_ms = 0;
  std::int64_t high_ms = 0;  // inclusive
};

struct NumberPredicate {
  Prefix prefix = Prefix::kEq;
  fhirpath::Decimal value;
};

struct QuantityPredicate {
  Prefix prefix = Prefix::kEq;
  fhirpath::Decimal value;
  std::optional<std::string> system;
  std::string code;
};

struct UriPredicate {
  enum class Mode : std::uint8_t { kExact, kBelow, kAbove };
  Mode mode = Mode::kExact;
  std::string uri;
};

using Predicate = std::variant<TokenPredicate, StringPredicate, ReferencePredicate, DatePredicate,
                               NumberPredicate, QuantityPredicate, UriPredicate>;

struct SearchClause {
  std::string param;
  std::vector<Predicate> any_of;
  bool negate = false;
  std::optional<bool> missing;
};

struct SortKey {
  std::string param;
  bool descending = false;
};

struct SearchQuery {
  std::string resource_type;
  std::vector<SearchClause> clauses;
  std::vector<SortKey> sort;  // empty: insertion order of the resources
  std::size_t count = 50;     // page size; 0 = no resources (with `total` for _summary=count)
  bool total = false;         // also count every match (_total=accurate)
  std::string cursor;         // SearchPage::next_cursor of the previous page, "" = first page
};

}  // namespace gw::search
