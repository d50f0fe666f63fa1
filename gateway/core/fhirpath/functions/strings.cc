// String functions: indexOf, substring, startsWith, endsWith, contains, upper, lower, replace,
// matches, matchesFull, replaceMatches, length, toChars, trim, split, join.
// Positions and lengths count bytes (UTF-8 code units).
#include <cctype>

#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"
#include "gateway/core/fhirpath/regex_util.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

// Matching is linear (gw::Regex), so this only bounds the work of one call.
constexpr std::size_t kMaxRegexInput = 1u << 20;

// The input string; nullopt (function returns empty) when the input is empty.
Status Input(CallContext& call, const Collection& in, std::optional<std::string>* s) {
  return SingletonString(in, call.node().name + "()", s);
}

Status Arg(CallContext& call, int i, std::optional<std::string>* s) {
  return SingletonString(call.arg(i), call.node().name + "() argument", s);
}

Status CheckSize(CallContext& call, std::size_t n) {
  if (n > call.ev().ctx().limits.max_string) {
    return ResourceExhausted("execution error: string result too long");
  }
  return Status::Ok();
}

#define GW_STR_INPUT_AND_ARG(in_var, arg_var)           \
  std::optional<std::string> in_var, arg_var;           \
  GW_RETURN_IF_ERROR(Input(call, in, &in_var));         \
  GW_RETURN_IF_ERROR(Arg(call, 0, &arg_var));           \
  if (!in_var || !arg_var) return Status::Ok()

Status IndexOf(CallContext& call, const Collection& in, Collection* out) {
  GW_STR_INPUT_AND_ARG(s, sub);
  std::size_t p = s->find(*sub);
  out->push_back(Item::Integer(p == std::string::npos ? -1 : static_cast<std::int64_t>(p)));
  return Status::Ok();
}

Status Substring(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  std::optional<std::int64_t> start, length;
  GW_RETURN_IF_ERROR(SingletonInteger(call.arg(0), "substring() start", &start));
  if (call.argc() > 1) {
    GW_RETURN_IF_ERROR(SingletonInteger(call.arg(1), "substring() length", &length));
  }
  if (!s || !start) return Status::Ok();
  if (*start < 0 || static_cast<std::size_t>(*start) >= s->size()) return Status::Ok();
  std::size_t len = std::string::npos;
  if (length) len = *length < 0 ? 0 : static_cast<std::size_t>(*length);
  out->push_back(Item::String(s->substr(static_cast<std::size_t>(*start), len)));
  return Status::Ok();
}

Status StartsWith(CallContext& call, const Collection& in, Collection* out) {
  GW_STR_INPUT_AND_ARG(s, p);
  fn::PushBool(s->compare(0, p->size(), *p) == 0 && s->size() >= p->size(), out);
  return Status::Ok();
}

Status EndsWith(CallContext& call, const Collection& in, Collection* out) {
  GW_STR_INPUT_AND_ARG(s, p);
  fn::PushBool(s->size() >= p->size() && s->compare(s->size() - p->size(), p->size(), *p) == 0,
               out);
  return Status::Ok();
}

Status Contains(CallContext& call, const Collection& in, Collection* out) {
  GW_STR_INPUT_AND_ARG(s, p);
  fn::PushBool(s->find(*p) != std::string::npos, out);
  return Status::Ok();
}

template <int (*F)(int)>
Status MapChars(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  if (!s) return Status::Ok();
  for (char& c : *s) c = static_cast<char>(F(static_cast<unsigned char>(c)));
  out->push_back(Item::String(std::move(*s)));
  return Status::Ok();
}

Status Replace(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s, pat, rep;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  GW_RETURN_IF_ERROR(Arg(call, 0, &pat));
  GW_RETURN_IF_ERROR(Arg(call, 1, &rep));
  if (!s || !pat || !rep) return Status::Ok();
  std::string r;
  if (pat->empty()) {
    GW_RETURN_IF_ERROR(CheckSize(call, s->size() * (rep->size() + 1) + rep->size()));
    r += *rep;
    for (char c : *s) {
      r.push_back(c);
      r += *rep;
    }
  } else {
    std::size_t pos = 0;
    while (true) {
      std::size_t f = s->find(*pat, pos);
      if (f == std::string::npos) break;
      r.append(*s, pos, f - pos);
      r += *rep;
      GW_RETURN_IF_ERROR(CheckSize(call, r.size()));
      pos = f + pat->size();
    }
    r.append(*s, pos, std::string::npos);
  }
  out->push_back(Item::String(std::move(r)));
  return Status::Ok();
}

// The compiled pattern: precompiled for literals, compiled now otherwise.
Status Pattern(CallContext& call, const std::string& text, std::shared_ptr<const Regex>* re) {
  if (call.node().regex) {
    *re = call.node().regex;
    return Status::Ok();
  }
  return CompilePattern(text, "execution", re);
}

Status MatchImpl(CallContext& call, const Collection& in, Collection* out, bool full) {
  GW_STR_INPUT_AND_ARG(s, pat);
  if (s->size() > kMaxRegexInput) return ExecutionError("string too long for matches()");
  std::shared_ptr<const Regex> re;
  GW_RETURN_IF_ERROR(Pattern(call, *pat, &re));
  fn::PushBool(full ? re->FullMatch(*s) : re->PartialMatch(*s), out);
  return Status::Ok();
}

Status Matches(CallContext& c, const Collection& in, Collection* o) {
  return MatchImpl(c, in, o, false);
}
Status MatchesFull(CallContext& c, const Collection& in, Collection* o) {
  return MatchImpl(c, in, o, true);
}

Status ReplaceMatches(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s, pat, rep;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  GW_RETURN_IF_ERROR(Arg(call, 0, &pat));
  GW_RETURN_IF_ERROR(Arg(call, 1, &rep));
  if (!s || !pat || !rep) return Status::Ok();
  if (s->size() > kMaxRegexInput) return ExecutionError("string too long for replaceMatches()");
  if (pat->empty()) {
    out->push_back(Item::String(std::move(*s)));
    return Status::Ok();
  }
  std::shared_ptr<const Regex> re;
  GW_RETURN_IF_ERROR(Pattern(call, *pat, &re));
  std::string r = re->ReplaceAll(*s, *rep);
  GW_RETURN_IF_ERROR(CheckSize(call, r.size()));
  out->push_back(Item::String(std::move(r)));
  return Status::Ok();
}

Status Length(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  if (s) out->push_back(Item::Integer(static_cast<std::int64_t>(s->size())));
  return Status::Ok();
}

Status ToChars(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  if (!s) return Status::Ok();
  for (char c : *s) out->push_back(Item::String(std::string(1, c)));
  return Status::Ok();
}

Status Trim(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(Input(call, in, &s));
  if (!s) return Status::Ok();
  std::size_t b = 0, e = s->size();
  while (b < e && std::isspace(static_cast<unsigned char>((*s)[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>((*s)[e - 1]))) --e;
  out->push_back(Item::String(s->substr(b, e - b)));
  return Status::Ok();
}

Status Split(CallContext& call, const Collection& in, Collection* out) {
  GW_STR_INPUT_AND_ARG(s, sep);
  if (sep->empty()) {
    for (char c : *s) out->push_back(Item::String(std::string(1, c)));
    return Status::Ok();
  }
  std::size_t pos = 0;
  while (true) {
    std::size_t f = s->find(*sep, pos);
    if (f == std::string::npos) break;
    out->push_back(Item::String(s->substr(pos, f - pos)));
    pos = f + sep->size();
  }
  out->push_back(Item::String(s->substr(pos)));
  return Status::Ok();
}

Status Join(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> sep;
  if (call.argc() > 0) GW_RETURN_IF_ERROR(Arg(call, 0, &sep));
  std::string r;
  bool first = true;
  for (const Item& x : in) {
    auto v = StringValue(x);
    if (!v) return ExecutionError("join() expects String items");
    if (!first) r += sep.value_or("");
    first = false;
    r.append(*v);
    GW_RETURN_IF_ERROR(CheckSize(call, r.size()));
  }
  out->push_back(Item::String(std::move(r)));
  return Status::Ok();
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry* r) {
  r->Add(Def("indexOf", 1, 1, IndexOf));
  r->Add(Def("substring", 1, 2, Substring));
  r->Add(Def("startsWith", 1, 1, StartsWith));
  r->Add(Def("endsWith", 1, 1, EndsWith));
  r->Add(Def("contains", 1, 1, Contains));
  r->Add(Def("upper", 0, 0, MapChars<std::toupper>));
  r->Add(Def("lower", 0, 0, MapChars<std::tolower>));
  r->Add(Def("replace", 2, 2, Replace));
  r->Add(Def("matches", 1, 1, Matches));
  r->Add(Def("matchesFull", 1, 1, MatchesFull));
  r->Add(Def("replaceMatches", 2, 2, ReplaceMatches));
  r->Add(Def("length", 0, 0, Length));
  r->Add(Def("toChars", 0, 0, ToChars));
  r->Add(Def("trim", 0, 0, Trim));
  r->Add(Def("split", 1, 1, Split));
  r->Add(Def("join", 0, 1, Join));
}

}  // namespace gw::fhirpath
