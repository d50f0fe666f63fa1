#include "gateway/core/rest/search_request.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>

#include "gateway/core/search/instant.h"

namespace gw::rest {
namespace {

using search::ParamStorage;
using search::ParamType;
using search::Prefix;
using search::SearchClause;
using search::SearchParam;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

Status Bad(std::string_view param, std::string_view why) {
  return InvalidArgument("search parameter '" + std::string(param) + "': " + std::string(why));
}

// Splits on `sep` where it is not escaped by a backslash; pieces keep their escapes.
std::vector<std::string> SplitUnescaped(std::string_view s, char sep) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out.back() += s.substr(i, 2);
      ++i;
    } else if (s[i] == sep) {
      out.emplace_back();
    } else {
      out.back() += s[i];
    }
  }
  return out;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() &&
        (s[i + 1] == ',' || s[i + 1] == '|' || s[i + 1] == '$' || s[i + 1] == '\\')) {
      ++i;
    }
    out += s[i];
  }
  return out;
}

std::pair<Prefix, std::string_view> SplitPrefix(std::string_view v) {
  static constexpr std::pair<std::string_view, Prefix> kPrefixes[] = {
      {"eq", Prefix::kEq}, {"ne", Prefix::kNe}, {"gt", Prefix::kGt},
      {"lt", Prefix::kLt}, {"ge", Prefix::kGe}, {"le", Prefix::kLe},
      {"sa", Prefix::kSa}, {"eb", Prefix::kEb}, {"ap", Prefix::kAp}};
  if (v.size() > 2) {
    for (const auto& [text, prefix] : kPrefixes) {
      if (v.substr(0, 2) == text) return {prefix, v.substr(2)};
    }
  }
  return {Prefix::kEq, v};
}

struct ParsedName {
  std::string code;
  std::string modifier;
  std::string chain;  // the chained parameter's code ("name" of subject.name)
};

ParsedName SplitName(std::string_view name) {
  ParsedName n;
  std::size_t dot = name.find('.');
  if (dot != std::string_view::npos) {
    n.chain = std::string(name.substr(dot + 1));
    name = name.substr(0, dot);
  }
  std::size_t colon = name.find(':');
  n.code = std::string(name.substr(0, colon));
  if (colon != std::string_view::npos) n.modifier = std::string(name.substr(colon + 1));
  return n;
}

Result<search::Predicate> TokenValue(std::string_view param, std::string_view raw) {
  std::vector<std::string> parts = SplitUnescaped(raw, '|');
  search::TokenPredicate t;
  if (parts.size() == 1) {
    t.code = Unescape(parts[0]);
  } else if (parts.size() == 2) {
    t.system = Unescape(parts[0]);
    if (!parts[1].empty()) t.code = Unescape(parts[1]);
    if (t.system->empty() && !t.code) return Bad(param, "empty token");
  } else {
    return Bad(param, "a token has at most one '|'");
  }
  if (t.code && t.code->empty()) return Bad(param, "empty token");
  return search::Predicate{std::move(t)};
}

Result<search::Predicate> DateValue(std::string_view param, std::string_view raw,
                                    std::int64_t now_ms) {
  auto [prefix, text] = SplitPrefix(raw);
  std::optional<search::InstantRange> r = search::RangeOfText(Unescape(text));
  if (!r) return Bad(param, "not a date, dateTime or instant");
  search::DatePredicate d{prefix, r->low_ms, r->high_ms};
  if (prefix == Prefix::kAp) {
    std::int64_t mid = r->low_ms / 2 + r->high_ms / 2;
    std::int64_t widen = std::max(kDayMs, (mid > now_ms ? mid - now_ms : now_ms - mid) / 10);
    d.low_ms -= widen;
    d.high_ms += widen;
  }
  return search::Predicate{d};
}

Result<search::Predicate> NumberValue(std::string_view param, std::string_view raw) {
  auto [prefix, text] = SplitPrefix(raw);
  auto v = fhirpath::Decimal::Parse(text);
  if (!v) return Bad(param, "not a number");
  return search::Predicate{search::NumberPredicate{prefix, *v}};
}

Result<search::Predicate> QuantityValue(std::string_view param, std::string_view raw) {
  std::vector<std::string> parts = SplitUnescaped(raw, '|');
  if (parts.size() != 1 && parts.size() != 3) return Bad(param, "quantity is number|system|code");
  auto [prefix, text] = SplitPrefix(parts[0]);
  auto v = fhirpath::Decimal::Parse(text);
  if (!v) return Bad(param, "not a number");
  search::QuantityPredicate q{prefix, *v, std::nullopt, ""};
  if (parts.size() == 3) {
    if (!parts[1].empty()) q.system = Unescape(parts[1]);
    q.code = Unescape(parts[2]);
  }
  return search::Predicate{std::move(q)};
}

bool IsAbsolute(std::string_view v) {
  return v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0 || v.rfind("urn:", 0) == 0;
}

Result<search::Predicate> ReferenceValue(const SearchParam& p, std::string_view modifier,
                                         std::string_view raw) {
  std::string v = Unescape(raw);
  search::ReferencePredicate r;
  if (modifier == "identifier") {
    auto token = TokenValue(p.code, raw);
    if (!token.ok()) return token.status();
    r.identifier = std::get<search::TokenPredicate>(token.value());
    return search::Predicate{std::move(r)};
  }
  std::string_view type_modifier = modifier;
  if (IsAbsolute(v)) {
    std::size_t bar = v.find('|');
    r.url = v.substr(0, bar);
    if (bar != std::string::npos) r.version = v.substr(bar + 1);
    return search::Predicate{std::move(r)};
  }
  std::size_t slash = v.find('/');
  if (slash != std::string::npos) {
    r.type = v.substr(0, slash);
    r.id = v.substr(slash + 1);
    if (std::size_t h = r.id.find("/_history/"); h != std::string::npos) {
      r.version = r.id.substr(h + 10);
      r.id.resize(h);
    }
    if (!type_modifier.empty() && type_modifier != r.type) return Bad(p.code, "type mismatch");
  } else {
    r.type = std::string(type_modifier);
    r.id = v;
  }
  if (r.id.empty() || r.id.size() > 64) return Bad(p.code, "malformed reference");
  if (!r.type.empty() && !p.targets.empty() &&
      std::find(p.targets.begin(), p.targets.end(), r.type) == p.targets.end()) {
    return Bad(p.code, "not a target type of this parameter");
  }
  return search::Predicate{std::move(r)};
}

Result<search::Predicate> UriValue(std::string_view modifier, std::string_view raw) {
  search::UriPredicate u;
  u.uri = Unescape(raw);
  if (modifier == "below") u.mode = search::UriPredicate::Mode::kBelow;
  if (modifier == "above") u.mode = search::UriPredicate::Mode::kAbove;
  return search::Predicate{std::move(u)};
}

bool ModifierAllowed(ParamType type, std::string_view m) {
  if (m.empty() || m == "missing") return true;
  switch (type) {
    case ParamType::kToken:
      return m == "not" || m == "text";
    case ParamType::kString:
      return m == "exact" || m == "contains";
    case ParamType::kReference:
      return true;  // a type name or identifier; checked later
    case ParamType::kUri:
      return m == "below" || m == "above";
    default:
      return false;
  }
}

// One parameter on `type` (recursion depth 1 for chains) into a clause.
Result<SearchClause> ParseClause(std::string_view type, const ParsedName& name,
                                 std::string_view value,
                                 const search::SearchParamRegistry& registry, std::int64_t now_ms,
                                 bool in_chain) {
  const SearchParam* p = registry.Find(type, name.code);
  if (p == nullptr) return NotFound("unknown search parameter '" + name.code + "'");
  if (p->storage == ParamStorage::kNotIndexed) {
    return Unimplemented("search parameter '" + name.code + "' is not supported");
  }
  if (!ModifierAllowed(p->type, name.modifier)) return Bad(name.code, "unsupported modifier");
  SearchClause clause;
  clause.param = p->code;
  if (name.modifier == "missing") {
    if (value != "true" && value != "false") return Bad(name.code, ":missing is true or false");
    clause.missing = value == "true";
    return clause;
  }
  if (!name.chain.empty()) {
    if (in_chain || p->type != ParamType::kReference) return Bad(name.code, "cannot chain");
    std::string target = name.modifier;
    if (target.empty()) {
      if (p->targets.size() != 1) return Bad(name.code, "chain needs a target type modifier");
      target = p->targets[0];
    }
    if (!registry.IsResourceType(target) ||
        (!p->targets.empty() &&
         std::find(p->targets.begin(), p->targets.end(), target) == p->targets.end())) {
      return Bad(name.code, "not a target type of this parameter");
    }
    ParsedName inner = SplitName(name.chain);
    if (!inner.chain.empty()) return Bad(name.code, "one level of chaining only");
    auto sub = ParseClause(target, inner, value, registry, now_ms, true);
    if (!sub.ok()) return sub.status();
    auto q = std::make_shared<search::SearchQuery>();
    q->resource_type = target;
    q->clauses.push_back(std::move(sub).value());
    search::ReferencePredicate r;
    r.type = target;
    r.chain = std::move(q);
    clause.any_of.push_back(std::move(r));
    return clause;
  }
  clause.negate = name.modifier == "not";
  for (const std::string& piece : SplitUnescaped(value, ',')) {
    if (piece.empty()) return Bad(name.code, "empty value");
    Result<search::Predicate> pred = InvalidArgument("");
    if (p->storage == ParamStorage::kResourceId) {
      pred = search::Predicate{search::TokenPredicate{std::nullopt, Unescape(piece), std::nullopt}};
    } else if (p->storage == ParamStorage::kLastUpdated) {
      pred = DateValue(name.code, piece, now_ms);
    } else {
      switch (p->type) {
        case ParamType::kToken:
          if (name.modifier == "text") {
            pred = search::Predicate{
                search::TokenPredicate{std::nullopt, std::nullopt, Unescape(piece)}};
          } else {
            pred = TokenValue(name.code, piece);
          }
          break;
        case ParamType::kString: {
          search::StringPredicate s;
          s.value = Unescape(piece);
          if (name.modifier == "exact") s.mode = search::StringPredicate::Mode::kExact;
          if (name.modifier == "contains") s.mode = search::StringPredicate::Mode::kContains;
          pred = search::Predicate{std::move(s)};
          break;
        }
        case ParamType::kReference:
          pred = ReferenceValue(*p, name.modifier, piece);
          break;
        case ParamType::kDate:
          pred = DateValue(name.code, piece, now_ms);
          break;
        case ParamType::kNumber:
          pred = NumberValue(name.code, piece);
          break;
        case ParamType::kQuantity:
          pred = QuantityValue(name.code, piece);
          break;
        case ParamType::kUri:
          pred = UriValue(name.modifier, piece);
          break;
        default:
          return Unimplemented("search parameter '" + name.code + "' is not supported");
      }
    }
    if (!pred.ok()) return pred.status();
    clause.any_of.push_back(std::move(pred).value());
  }
  return clause;
}

Result<IncludeSpec> ParseInclude(std::string_view name, std::string_view value,
                                 const search::SearchParamRegistry& registry) {
  std::vector<std::string> parts = SplitUnescaped(value, ':');
  if (parts.size() < 2 || parts.size() > 3) return Bad(name, "expects Type:param[:Target]");
  IncludeSpec spec{parts[0], parts[1], parts.size() == 3 ? parts[2] : ""};
  const SearchParam* p = registry.Find(spec.source_type, spec.param);
  if (p == nullptr || p->type != ParamType::kReference || p->storage != ParamStorage::kIndex) {
    return Bad(name, "names no reference parameter");
  }
  if (!spec.target_type.empty() && !registry.IsResourceType(spec.target_type)) {
    return Bad(name, "unknown target type");
  }
  return spec;
}

Result<std::size_t> Count(std::string_view v) {
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range) return kMaxCount;
  if (ec != std::errc() || ptr != v.data() + v.size()) return Bad("_count", "not a number");
  return std::min(n, kMaxCount);
}

}  // namespace

Result<SearchRequest> ParseSearch(std::string_view resource_type,
                                  const std::vector<QueryParam>& params,
                                  const search::SearchParamRegistry& registry, std::int64_t now_ms,
                                  bool strict) {
  if (!registry.IsResourceType(resource_type)) return NotFound("unknown resource type");
  SearchRequest out;
  out.query.resource_type = std::string(resource_type);
  out.query.count = kDefaultCount;
  for (const QueryParam& qp : params) {
    const std::string& n = qp.name;
    if (n == "_format" || n == "_pretty") continue;
    bool used = true;
    if (n == "_count") {
      auto c = Count(qp.value);
      if (!c.ok()) return c.status();
      out.query.count = *c;
    } else if (n == "_sort") {
      for (const std::string& key : SplitUnescaped(qp.value, ',')) {
        bool desc = !key.empty() && key[0] == '-';
        std::string code = desc ? key.substr(1) : key;
        const SearchParam* p = registry.Find(resource_type, code);
        if (p == nullptr || p->storage == ParamStorage::kNotIndexed ||
            p->type == ParamType::kReference) {
          return Bad("_sort", "cannot sort by this parameter");
        }
        out.query.sort.push_back({code, desc});
      }
    } else if (n == "_total") {
      if (qp.value != "none" && qp.value != "estimate" && qp.value != "accurate") {
        return Bad("_total", "none, estimate or accurate");
      }
      out.query.total = qp.value != "none";
    } else if (n == "_summary") {
      if (qp.value == "count") {
        out.summary = Summary::kCount;
      } else if (qp.value == "true") {
        out.summary = Summary::kTrue;
      } else if (qp.value == "text") {
        out.summary = Summary::kText;
      } else if (qp.value == "data") {
        out.summary = Summary::kData;
      } else if (qp.value != "false") {
        return Bad("_summary", "count, true, text, data or false");
      }
    } else if (n == "_elements") {
      for (const std::string& e : SplitUnescaped(qp.value, ',')) {
        if (!e.empty()) out.elements.push_back(e);
      }
    } else if (n == "_include" || n == "_revinclude") {
      auto spec = ParseInclude(n, qp.value, registry);
      if (!spec.ok()) return spec.status();
      if (n == "_include" && spec->source_type != resource_type) {
        return Bad(n, "must start with the searched type");
      }
      (n == "_include" ? out.includes : out.revincludes).push_back(std::move(spec).value());
    } else if (n == "_include:iterate" || n == "_revinclude:iterate") {
      return Bad(n, ":iterate is not supported");
    } else {
      auto clause = ParseClause(resource_type, SplitName(n), qp.value, registry, now_ms, false);
      if (clause.ok()) {
        out.query.clauses.push_back(std::move(clause).value());
      } else if (clause.status().code() == StatusCode::kInvalidArgument || strict) {
        return clause.status();
      } else {
        used = false;
        out.ignored.push_back(n);
      }
    }
    if (used) out.used.push_back(qp);
  }
  if (out.summary == Summary::kCount) {
    out.query.count = 0;
    out.query.total = true;
  }
  return out;
}

}  // namespace gw::rest
