#include "gateway/shell/store/sql_search.h"

#include <charconv>
#include <limits>

#include "gateway/core/base/utf8.h"
#include "gateway/core/fhirpath/ucum_canonical.h"
#include "gateway/core/search/decimal_key.h"
#include "gateway/core/search/search_bounds.h"
#include "gateway/core/search/string_normalize.h"

namespace gw::shell {
namespace {

using search::ParamStorage;
using search::ParamType;
using search::Prefix;

constexpr std::int64_t kIntMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kIntMin = std::numeric_limits<std::int64_t>::min();
// Sorts after any indexed text (two U+10FFFF).
const std::string kTextMax = "\xF4\x8F\xBF\xBF\xF4\x8F\xBF\xBF";
constexpr std::string_view kUcum = "http://unitsofmeasure.org";
// Boolean literals both dialects accept (SQLite >= 3.23 and PostgreSQL).
constexpr const char* kTrue = "TRUE";
constexpr const char* kFalse = "FALSE";

const char* TableOf(ParamType t) {
  switch (t) {
    case ParamType::kToken:
      return "idx_token";
    case ParamType::kString:
      return "idx_string";
    case ParamType::kReference:
      return "idx_reference";
    case ParamType::kDate:
      return "idx_date";
    case ParamType::kNumber:
      return "idx_number";
    case ParamType::kQuantity:
      return "idx_quantity";
    case ParamType::kUri:
      return "idx_uri";
    default:
      return nullptr;
  }
}

// The smallest string greater than every string starting with `prefix` (byte order), or
// nullopt when there is none. For well-formed UTF-8 the bound is well-formed UTF-8 too (the
// last code point is incremented; byte order is code point order), so a database that checks
// its text accepts it; other text falls back to incrementing the last byte.
std::optional<std::string> PrefixEnd(std::string prefix) {
  if (std::optional<std::u32string> cps = DecodeUtf8(prefix)) {
    while (!cps->empty() && cps->back() == 0x10FFFF) cps->pop_back();
    if (cps->empty()) return std::nullopt;
    char32_t& last = cps->back();
    last = last == 0xD7FF ? 0xE000 : last + 1;
    std::string out;
    for (char32_t cp : *cps) AppendUtf8(cp, &out);
    return out;
  }
  while (!prefix.empty()) {
    auto last = static_cast<unsigned char>(prefix.back());
    if (last < 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::nullopt;
}

std::string PrefixRange(std::string_view column, const std::string& prefix, SqlParams* p) {
  if (prefix.empty()) return kTrue;
  std::string out = std::string(column) + " >= " + p->Add(prefix);
  if (std::optional<std::string> end = PrefixEnd(prefix)) {
    out += " AND " + std::string(column) + " < " + p->Add(*end);
  }
  return out;
}

std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// Target values in `interval` (decimal sort keys in `column`).
std::string KeyInterval(std::string_view column, const search::DecimalInterval& in, SqlParams* p) {
  std::string out;
  if (in.low) {
    out += std::string(column) + (in.low_inclusive ? " >= " : " > ") +
           p->Add(search::DecimalSortKey(*in.low));
  }
  if (in.high) {
    if (!out.empty()) out += " AND ";
    out += std::string(column) + (in.high_inclusive ? " <= " : " < ") +
           p->Add(search::DecimalSortKey(*in.high));
  }
  if (out.empty()) out = kTrue;
  return in.outside ? "NOT (" + out + ")" : out;
}

// Date prefixes over a target range [lo, hi] and the search range [slo, shi].
std::string DateCondition(std::string_view lo, std::string_view hi, const search::DatePredicate& d,
                          SqlParams* p) {
  std::string l(lo), h(hi);
  switch (d.prefix) {
    case Prefix::kEq:
      return l + " >= " + p->Add(d.low_ms) + " AND " + h + " <= " + p->Add(d.high_ms);
    case Prefix::kNe:
      return "NOT (" + l + " >= " + p->Add(d.low_ms) + " AND " + h + " <= " + p->Add(d.high_ms) +
             ")";
    case Prefix::kGt:
      return h + " > " + p->Add(d.high_ms);
    case Prefix::kLt:
      return l + " < " + p->Add(d.low_ms);
    case Prefix::kGe:
      return h + " >= " + p->Add(d.low_ms);
    case Prefix::kLe:
      return l + " <= " + p->Add(d.high_ms);
    case Prefix::kSa:
      return l + " > " + p->Add(d.high_ms);
    case Prefix::kEb:
      return h + " < " + p->Add(d.low_ms);
    case Prefix::kAp:
      return l + " <= " + p->Add(d.high_ms) + " AND " + h + " >= " + p->Add(d.low_ms);
  }
  return kFalse;
}

std::string TokenCondition(const search::TokenPredicate& t, SqlParams* p) {
  if (t.text) {
    std::string cond = PrefixRange("x.text", search::NormalizeString(*t.text), p);
    return cond == kTrue ? "x.text <> ''" : cond;
  }
  std::string out;
  if (t.system) out += "x.system = " + p->Add(*t.system);
  if (!out.empty()) out += " AND ";
  out += t.code ? "x.code = " + p->Add(*t.code) : std::string("x.code <> ''");
  return out;
}

// The condition selecting the index rows that hold `param`'s values (alias x): its own rows,
// or those of the parameters it shares rows with (SearchParam::rows_of).
std::string RowsOf(const search::SearchParam& param, std::string_view type,
                   const SearchSql::PidLookup& pid_of, SqlParams* p) {
  std::vector<std::string> pids;
  if (param.rows_of.empty()) {
    if (auto pid = pid_of(type, param.code)) pids.push_back(p->Add(*pid));
  } else {
    for (const search::SearchParam* part : param.rows_of) {
      if (auto pid = pid_of(type, part->code)) pids.push_back(p->Add(*pid));
    }
  }
  std::string out;
  if (pids.empty()) {
    out = "x.pid IS NULL";  // no rows at all
  } else if (pids.size() == 1) {
    out = "x.pid = " + pids[0];
  } else {
    out = "x.pid IN (";
    for (std::size_t i = 0; i < pids.size(); ++i) out += (i == 0 ? "" : ", ") + pids[i];
    out += ")";
  }
  if (!param.rows_target_type.empty()) {
    out += " AND x.target_type = " + p->Add(param.rows_target_type);
  }
  return out;
}

Status WrongType(const search::SearchParam& param) {
  return InvalidArgument("search value does not fit the " +
                         std::string(search::ParamTypeName(param.type)) + " parameter " +
                         param.code);
}

Result<std::string> QuantityCondition(const search::QuantityPredicate& q, SqlParams* p) {
  std::optional<search::DecimalInterval> in = search::NumberCondition(q.prefix, q.value);
  if (!in) return InvalidArgument("quantity value out of range");
  if (q.system && *q.system == kUcum && !q.code.empty()) {
    std::optional<fhirpath::Quantity> base = fhirpath::ToUcumBaseUnits(q.value, q.code);
    search::DecimalInterval canon = *in;
    bool ok = base.has_value();
    if (ok && in->low) {
      auto b = fhirpath::ToUcumBaseUnits(*in->low, q.code);
      ok = b.has_value();
      if (ok) canon.low = b->value;
    }
    if (ok && in->high) {
      auto b = fhirpath::ToUcumBaseUnits(*in->high, q.code);
      ok = b.has_value();
      if (ok) canon.high = b->value;
    }
    if (ok) {
      std::string out = "(x.canon_unit = " + p->Add(base->unit) + " AND " +
                        KeyInterval("x.canon_key", canon, p) + ")";
      out += " OR (x.canon_unit = '' AND x.system = " + p->Add(*q.system) +
             " AND x.code = " + p->Add(q.code) + " AND " + KeyInterval("x.key", *in, p) + ")";
      return "(" + out + ")";
    }
  }
  std::string out = KeyInterval("x.key", *in, p);
  if (q.system) out += " AND x.system = " + p->Add(*q.system);
  if (!q.code.empty()) {
    if (q.system) {
      out += " AND x.code = " + p->Add(q.code);
    } else {
      std::string c = p->Add(q.code);
      out += " AND (x.code = " + c + " OR x.unit = " + c + ")";
    }
  }
  return out;
}

}  // namespace

std::string SqlParams::Add(SqlValue v) {
  values.push_back(std::move(v));
  std::string placeholder(1, mark);
  placeholder += std::to_string(values.size());
  return placeholder;
}

// --- cursor ---------------------------------------------------------------------------------

std::string EncodeCursor(const PageCursor& c) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "c1." + std::to_string(c.snapshot) + "." + std::to_string(c.last_rid);
  for (const SqlValue& v : c.sort_values) {
    out += '.';
    if (std::holds_alternative<std::int64_t>(v)) {
      out += 'i' + std::to_string(std::get<std::int64_t>(v));
    } else if (std::holds_alternative<std::string>(v)) {
      out += 's';
      for (unsigned char ch : std::get<std::string>(v)) {
        out += kHex[ch >> 4];
        out += kHex[ch & 15];
      }
    } else {
      out += 'n';
    }
  }
  return out;
}

Result<PageCursor> DecodeCursor(std::string_view text) {
  auto bad = [] { return InvalidArgument("malformed page cursor"); };
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 3 || parts[0] != "c1" || parts.size() > 3 + 16) return bad();
  auto to_int = [](std::string_view s, std::int64_t* v) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
  };
  PageCursor c;
  if (!to_int(parts[1], &c.snapshot) || !to_int(parts[2], &c.last_rid)) return bad();
  for (std::size_t i = 3; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (p.empty()) return bad();
    if (p[0] == 'i') {
      std::int64_t v = 0;
      if (!to_int(p.substr(1), &v)) return bad();
      c.sort_values.emplace_back(v);
    } else if (p[0] == 's') {
      if ((p.size() - 1) % 2 != 0) return bad();
      std::string s;
      for (std::size_t k = 1; k < p.size(); k += 2) {
        auto hex = [](char ch) {
          return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        };
        int hi = hex(p[k]), lo = hex(p[k + 1]);
        if (hi < 0 || lo < 0) return bad();
        s.push_back(static_cast<char>(hi * 16 + lo));
      }
      c.sort_values.emplace_back(std::move(s));
    } else if (p == "n") {
      c.sort_values.emplace_back(nullptr);
    } else {
      return bad();
    }
  }
  return c;
}

// --- predicates -----------------------------------------------------------------------------

Result<std::string> SearchSql::IndexPredicate(const search::SearchParam& param,
                                              const search::Predicate& predicate, SqlParams* p,
                                              int depth) const {
  switch (param.type) {
    case ParamType::kToken:
      if (const auto* t = std::get_if<search::TokenPredicate>(&predicate)) {
        return TokenCondition(*t, p);
      }
      break;
    case ParamType::kString:
      if (const auto* s = std::get_if<search::StringPredicate>(&predicate)) {
        switch (s->mode) {
          case search::StringPredicate::Mode::kStartsWith:
            return PrefixRange("x.norm", search::NormalizeString(s->value), p);
          case search::StringPredicate::Mode::kExact:
            return "x.exact = " + p->Add(s->value);
          case search::StringPredicate::Mode::kContains:
            return "x.norm LIKE " +
                   p->Add("%" + LikeEscape(search::NormalizeString(s->value)) + "%") +
                   " ESCAPE '\\'";
        }
      }
      break;
    case ParamType::kReference:
      if (const auto* r = std::get_if<search::ReferencePredicate>(&predicate)) {
        if (r->chain) {
          if (depth >= 1) return InvalidArgument("only one level of chaining is supported");
          const search::SearchQuery& chain = *r->chain;
          std::string alias = "c" + std::to_string(depth + 1);
          std::string out = "x.target_type = " + p->Add(chain.resource_type) +
                            " AND x.url = '' AND x.target_id IN (SELECT " + alias +
                            ".res_id FROM resource " + alias + " WHERE " + alias +
                            ".res_type = " + p->Add(chain.resource_type) + " AND " + alias +
                            ".deleted = 0";
          Result<std::string> where = Where(chain, alias, p, depth + 1);
          if (!where.ok()) return where.status();
          return out + " AND " + where.value() + ")";
        }
        std::string out;
        if (!r->id.empty()) {
          out = "x.target_id = " + p->Add(r->id) + " AND x.url = ''";
          if (!r->type.empty()) out += " AND x.target_type = " + p->Add(r->type);
        } else if (!r->url.empty()) {
          out = "x.url = " + p->Add(r->url);
        } else if (r->identifier && r->identifier->code) {
          out = "x.ident_value = " + p->Add(*r->identifier->code);
          if (r->identifier->system)
            out += " AND x.ident_system = " + p->Add(*r->identifier->system);
        } else {
          return InvalidArgument("reference search value without id, url or identifier");
        }
        if (!r->version.empty()) out += " AND x.version = " + p->Add(r->version);
        return out;
      }
      break;
    case ParamType::kDate:
      if (const auto* d = std::get_if<search::DatePredicate>(&predicate)) {
        return DateCondition("x.low", "x.high", *d, p);
      }
      break;
    case ParamType::kNumber:
      if (const auto* n = std::get_if<search::NumberPredicate>(&predicate)) {
        std::optional<search::DecimalInterval> in = search::NumberCondition(n->prefix, n->value);
        if (!in) return InvalidArgument("number value out of range");
        return KeyInterval("x.key", *in, p);
      }
      break;
    case ParamType::kQuantity:
      if (const auto* q = std::get_if<search::QuantityPredicate>(&predicate)) {
        return QuantityCondition(*q, p);
      }
      break;
    case ParamType::kUri:
      if (const auto* u = std::get_if<search::UriPredicate>(&predicate)) {
        switch (u->mode) {
          case search::UriPredicate::Mode::kExact:
            return "x.uri = " + p->Add(u->uri);
          case search::UriPredicate::Mode::kBelow:
            return PrefixRange("x.uri", u->uri, p);
          case search::UriPredicate::Mode::kAbove:
            return "x.uri <> '' AND substr(" + p->Add(u->uri) + ", 1, length(x.uri)) = x.uri";
        }
      }
      break;
    default:
      break;
  }
  return WrongType(param);
}

Result<std::string> SearchSql::Clause(const search::SearchQuery& query,
                                      const search::SearchClause& clause, std::string_view alias,
                                      SqlParams* p, int depth) const {
  const search::SearchParam* param = registry_.Find(query.resource_type, clause.param);
  if (param == nullptr) return InvalidArgument("unknown search parameter " + clause.param);
  const std::string a(alias);
  const std::string neg = clause.negate ? "NOT " : "";
  std::vector<std::string> ors;
  switch (param->storage) {
    case ParamStorage::kNotIndexed:
      return InvalidArgument("search parameter " + clause.param + " is not supported");
    case ParamStorage::kResourceId: {
      if (clause.missing) return std::string(*clause.missing ? kFalse : kTrue);
      for (const search::Predicate& pr : clause.any_of) {
        const auto* t = std::get_if<search::TokenPredicate>(&pr);
        if (t == nullptr || !t->code) return WrongType(*param);
        ors.push_back(a + ".res_id = " + p->Add(*t->code));
      }
      break;
    }
    case ParamStorage::kLastUpdated: {
      if (clause.missing) return std::string(*clause.missing ? kFalse : kTrue);
      for (const search::Predicate& pr : clause.any_of) {
        const auto* d = std::get_if<search::DatePredicate>(&pr);
        if (d == nullptr) return WrongType(*param);
        ors.push_back(DateCondition(a + ".last_updated", a + ".last_updated", *d, p));
      }
      break;
    }
    case ParamStorage::kIndex: {
      const char* table = TableOf(param->type);
      if (table == nullptr) return InvalidArgument("search parameter type not supported");
      const std::string rows = RowsOf(*param, query.resource_type, pid_, p);
      if (clause.missing) {
        return std::string(*clause.missing ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + table +
               " x WHERE x.rid = " + a + ".rid AND " + rows + ")";
      }
      for (const search::Predicate& pr : clause.any_of) {
        Result<std::string> c = IndexPredicate(*param, pr, p, depth);
        if (!c.ok()) return c.status();
        ors.push_back("(" + c.value() + ")");
      }
      if (ors.empty()) return InvalidArgument("search clause without values: " + clause.param);
      std::string any;
      for (const std::string& o : ors) any += (any.empty() ? "" : " OR ") + o;
      return a + ".rid " + neg + "IN (SELECT x.rid FROM " + table + " x WHERE " + rows + " AND (" +
             any + "))";
    }
  }
  if (ors.empty()) return InvalidArgument("search clause without values: " + clause.param);
  std::string any;
  for (const std::string& o : ors) any += (any.empty() ? "" : " OR ") + o;
  return neg + "(" + any + ")";
}

Result<std::string> SearchSql::Where(const search::SearchQuery& query, std::string_view alias,
                                     SqlParams* p, int depth) const {
  if (!registry_.IsResourceType(query.resource_type)) {
    return InvalidArgument("unknown resource type " + query.resource_type);
  }
  std::string out;
  for (const search::SearchClause& c : query.clauses) {
    Result<std::string> s = Clause(query, c, alias, p, depth);
    if (!s.ok()) return s.status();
    if (!out.empty()) out += " AND ";
    out += s.value();
  }
  return out.empty() ? std::string(kTrue) : out;
}

// --- page -----------------------------------------------------------------------------------

namespace {

struct SortColumn {
  std::string expr;
  bool descending = false;
  bool integer = false;
};

Result<SortColumn> SortExpression(const search::SearchParamRegistry& registry,
                                  const SearchSql::PidLookup& pid_of, const search::SearchQuery& q,
                                  const search::SortKey& key, SqlParams* p) {
  const search::SearchParam* param = registry.Find(q.resource_type, key.param);
  if (param == nullptr) return InvalidArgument("unknown sort parameter " + key.param);
  SortColumn col;
  col.descending = key.descending;
  if (param->storage == ParamStorage::kResourceId) {
    col.expr = "a.res_id";
    return col;
  }
  if (param->storage == ParamStorage::kLastUpdated) {
    col.expr = "a.last_updated";
    col.integer = true;
    return col;
  }
  if (param->storage != ParamStorage::kIndex) {
    return InvalidArgument("cannot sort by " + key.param);
  }
  const char* agg = key.descending ? "MAX" : "MIN";
  std::string value, filter;
  switch (param->type) {
    case ParamType::kDate:
      value = key.descending ? "x.high" : "x.low";
      col.integer = true;
      break;
    case ParamType::kString:
      value = "x.norm";
      break;
    case ParamType::kToken:
      value = "x.code";
      filter = " AND x.code <> ''";
      break;
    case ParamType::kNumber:
    case ParamType::kQuantity:
      value = "x.key";
      break;
    case ParamType::kUri:
      value = "x.uri";
      break;
    default:
      return InvalidArgument("cannot sort by " + key.param);
  }
  const std::string rows = RowsOf(*param, q.resource_type, pid_of, p);
  SqlValue missing = col.integer ? SqlValue(key.descending ? kIntMin : kIntMax)
                                 : SqlValue(key.descending ? std::string() : kTextMax);
  col.expr = "COALESCE((SELECT " + std::string(agg) + "(" + value + ") FROM " +
             TableOf(param->type) + " x WHERE x.rid = a.rid AND " + rows + filter + "), " +
             p->Add(missing) + ")";
  return col;
}

}  // namespace

Result<SearchStatements> SearchSql::Page(const search::SearchQuery& query,
                                         const std::optional<PageCursor>& cursor,
                                         const SqlValue& snapshot, std::int64_t limit) const {
  SearchStatements out;
  SqlParams& p = out.page_params;
  p.mark = Placeholder();
  std::string base = "a.res_type = " + p.Add(query.resource_type) + " AND a.deleted = 0";
  if (dialect_ == SqlDialect::kSqlite) {
    base += " AND a.created_seq <= " + p.Add(snapshot);
  } else if (!std::holds_alternative<std::nullptr_t>(snapshot)) {
    base += " AND pg_visible_in_snapshot(a.created_xid, " + p.Add(snapshot) + "::pg_snapshot)";
  }
  Result<std::string> where = Where(query, "a", &p);
  if (!where.ok()) return where.status();
  base += " AND " + where.value();
  out.count_sql = "SELECT count(*) FROM resource a WHERE " + base;
  out.count_params = p;

  std::vector<SortColumn> cols;
  for (const search::SortKey& k : query.sort) {
    Result<SortColumn> c = SortExpression(registry_, pid_, query, k, &p);
    if (!c.ok()) return c.status();
    cols.push_back(std::move(c).value());
  }
  if (cursor && cursor->sort_values.size() != cols.size()) {
    return InvalidArgument("page cursor does not fit the query");
  }
  out.sort_columns = cols.size();
  std::string inner = "SELECT a.rid AS rid, a.res_id AS res_id, a.seq AS seq";
  for (std::size_t i = 0; i < cols.size(); ++i) {
    inner += ", " + cols[i].expr + " AS s" + std::to_string(i);
  }
  inner += " FROM resource a WHERE " + base;
  std::string sql = "SELECT q.rid, q.res_id, v.version, v.last_updated, v.json";
  for (std::size_t i = 0; i < cols.size(); ++i) sql += ", q.s" + std::to_string(i);
  sql += " FROM (" + inner + ") q JOIN version v ON v.seq = q.seq";
  if (cursor) {
    // (s0, s1, ..., rid) after the cursor's, each column in its own direction.
    std::string keyset, equal_prefix;
    for (std::size_t i = 0; i <= cols.size(); ++i) {
      std::string col = i < cols.size() ? "q.s" + std::to_string(i) : "q.rid";
      std::string val = i < cols.size() ? p.Add(cursor->sort_values[i]) : p.Add(cursor->last_rid);
      bool desc = i < cols.size() && cols[i].descending;
      if (!keyset.empty()) keyset += " OR ";
      keyset += "(" + equal_prefix + col + (desc ? " < " : " > ") + val + ")";
      equal_prefix += col + " = " + val + " AND ";
    }
    sql += " WHERE (" + keyset + ")";
  }
  sql += " ORDER BY ";
  for (std::size_t i = 0; i < cols.size(); ++i) {
    sql += "q.s" + std::to_string(i) + (cols[i].descending ? " DESC, " : ", ");
  }
  sql += "q.rid LIMIT " + p.Add(limit);
  out.page_sql = std::move(sql);
  return out;
}

}  // namespace gw::shell
