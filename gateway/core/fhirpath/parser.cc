#include "gateway/core/fhirpath/parser.h"

#include <utility>

#include "gateway/core/fhirpath/lexer.h"

namespace gw::fhirpath {

const char* OpName(Op op) {
  switch (op) {
    case Op::kNone: return "";
    case Op::kImplies: return "implies";
    case Op::kOr: return "or";
    case Op::kXor: return "xor";
    case Op::kAnd: return "and";
    case Op::kIn: return "in";
    case Op::kContains: return "contains";
    case Op::kEq: return "=";
    case Op::kNe: return "!=";
    case Op::kEquiv: return "~";
    case Op::kNotEquiv: return "!~";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kUnion: return "|";
    case Op::kIs: return "is";
    case Op::kAs: return "as";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kConcat: return "&";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kIntDiv: return "div";
    case Op::kMod: return "mod";
    case Op::kPlus: return "+";
    case Op::kMinus: return "-";
  }
  return "?";
}

namespace {

constexpr int kUnaryPrecedence = 11;

struct BinInfo {
  Op op;
  int prec;
};

BinInfo BinaryOf(const Token& t) {
  if (t.kind == TokenKind::kIdentifier) {
    const std::string& s = t.text;
    if (s == "implies") return {Op::kImplies, 1};
    if (s == "or") return {Op::kOr, 2};
    if (s == "xor") return {Op::kXor, 2};
    if (s == "and") return {Op::kAnd, 3};
    if (s == "in") return {Op::kIn, 4};
    if (s == "contains") return {Op::kContains, 4};
    if (s == "is") return {Op::kIs, 8};
    if (s == "as") return {Op::kAs, 8};
    if (s == "div") return {Op::kIntDiv, 10};
    if (s == "mod") return {Op::kMod, 10};
    return {Op::kNone, 0};
  }
  if (t.kind != TokenKind::kSymbol) return {Op::kNone, 0};
  const std::string& s = t.text;
  if (s == "=") return {Op::kEq, 5};
  if (s == "!=") return {Op::kNe, 5};
  if (s == "~") return {Op::kEquiv, 5};
  if (s == "!~") return {Op::kNotEquiv, 5};
  if (s == "<") return {Op::kLt, 6};
  if (s == "<=") return {Op::kLe, 6};
  if (s == ">") return {Op::kGt, 6};
  if (s == ">=") return {Op::kGe, 6};
  if (s == "|") return {Op::kUnion, 7};
  if (s == "+") return {Op::kAdd, 9};
  if (s == "-") return {Op::kSub, 9};
  if (s == "&") return {Op::kConcat, 9};
  if (s == "*") return {Op::kMul, 10};
  if (s == "/") return {Op::kDiv, 10};
  return {Op::kNone, 0};
}

bool IsCalendarKeyword(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
      "minute", "minutes", "second", "seconds", "millisecond", "milliseconds"};
  for (auto w : kWords) {
    if (w == s) return true;
  }
  return false;
}

std::unique_ptr<Node> MakeNode(NodeKind kind, std::uint32_t pos) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->pos = pos;
  return n;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, int max_depth)
      : t_(std::move(tokens)), max_depth_(max_depth) {}

  Result<std::unique_ptr<Node>> Run() {
    std::unique_ptr<Node> root;
    GW_RETURN_IF_ERROR(Expr(0, &root));
    if (Cur().kind != TokenKind::kEnd) {
      return SyntaxError(Cur().pos, "unexpected '" + Cur().text + "'");
    }
    return root;
  }

 private:
  const Token& Cur() const { return t_[i_]; }
  const Token& Ahead(std::size_t k) const { return t_[std::min(i_ + k, t_.size() - 1)]; }
  bool IsSym(const Token& t, std::string_view s) const {
    return t.kind == TokenKind::kSymbol && t.text == s;
  }
  Status Expect(std::string_view s) {
    if (!IsSym(Cur(), s)) {
      std::string got = Cur().kind == TokenKind::kEnd ? "end of expression" : "'" + Cur().text + "'";
      return SyntaxError(Cur().pos, "expected '" + std::string(s) + "' but found " + got);
    }
    ++i_;
    return Status::Ok();
  }

  struct DepthGuard {
    explicit DepthGuard(int* d) : d_(d) { ++*d_; }
    ~DepthGuard() { --*d_; }
    int* d_;
  };

  Status Expr(int min_prec, std::unique_ptr<Node>* out) {
    DepthGuard g(&depth_);
    if (depth_ > max_depth_) return ResourceExhausted("expression nests too deeply");
    std::unique_ptr<Node> lhs;
    GW_RETURN_IF_ERROR(Unary(&lhs));
    while (true) {
      BinInfo b = BinaryOf(Cur());
      if (b.op == Op::kNone || b.prec < min_prec) break;
      std::uint32_t pos = Cur().pos;
      ++i_;
      if (b.op == Op::kIs || b.op == Op::kAs) {
        auto n = MakeNode(NodeKind::kTypeOp, pos);
        n->op = b.op;
        GW_RETURN_IF_ERROR(TypeSpecifier(&n->type));
        n->focus = std::move(lhs);
        lhs = std::move(n);
        continue;
      }
      auto n = MakeNode(NodeKind::kBinary, pos);
      n->op = b.op;
      n->focus = std::move(lhs);
      GW_RETURN_IF_ERROR(Expr(b.prec + 1, &n->rhs));
      lhs = std::move(n);
    }
    *out = std::move(lhs);
    return Status::Ok();
  }

  Status Unary(std::unique_ptr<Node>* out) {
    if (IsSym(Cur(), "+") || IsSym(Cur(), "-")) {
      DepthGuard g(&depth_);
      if (depth_ > max_depth_) return ResourceExhausted("expression nests too deeply");
      auto n = MakeNode(NodeKind::kUnary, Cur().pos);
      n->op = Cur().text == "+" ? Op::kPlus : Op::kMinus;
      ++i_;
      GW_RETURN_IF_ERROR(Unary(&n->focus));
      *out = std::move(n);
      return Status::Ok();
    }
    return Postfix(out);
  }

  Status Postfix(std::unique_ptr<Node>* out) {
    std::unique_ptr<Node> cur;
    GW_RETURN_IF_ERROR(Term(&cur));
    while (true) {
      if (IsSym(Cur(), ".")) {
        ++i_;
        std::unique_ptr<Node> inv;
        GW_RETURN_IF_ERROR(Invocation(&inv));
        inv->focus = std::move(cur);
        cur = std::move(inv);
      } else if (IsSym(Cur(), "[")) {
        auto n = MakeNode(NodeKind::kIndexer, Cur().pos);
        ++i_;
        std::unique_ptr<Node> index;
        GW_RETURN_IF_ERROR(Expr(0, &index));
        GW_RETURN_IF_ERROR(Expect("]"));
        n->focus = std::move(cur);
        n->args.push_back(std::move(index));
        cur = std::move(n);
      } else {
        break;
      }
    }
    *out = std::move(cur);
    return Status::Ok();
  }

  // identifier or identifier(args) after '.' or at the start of a term.
  Status Invocation(std::unique_ptr<Node>* out) {
    const Token& t = Cur();
    if (t.kind == TokenKind::kSpecial) {
      NodeKind k = t.text == "this" ? NodeKind::kThis
                   : t.text == "index" ? NodeKind::kIndex : NodeKind::kTotal;
      *out = MakeNode(k, t.pos);
      ++i_;
      return Status::Ok();
    }
    if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kDelimited) {
      return SyntaxError(t.pos, "expected an identifier");
    }
    std::string name = t.text;
    std::uint32_t pos = t.pos;
    bool delimited = t.kind == TokenKind::kDelimited;
    ++i_;
    if (!delimited && IsSym(Cur(), "(")) {
      auto n = MakeNode(NodeKind::kFunction, pos);
      n->name = std::move(name);
      ++i_;
      GW_RETURN_IF_ERROR(Arguments(&n->args));
      *out = std::move(n);
      return Status::Ok();
    }
    auto n = MakeNode(NodeKind::kMember, pos);
    n->upper_start = !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
    n->name = std::move(name);
    *out = std::move(n);
    return Status::Ok();
  }

  Status Arguments(std::vector<std::unique_ptr<Node>>* args) {
    if (IsSym(Cur(), ")")) {
      ++i_;
      return Status::Ok();
    }
    while (true) {
      std::unique_ptr<Node> a;
      GW_RETURN_IF_ERROR(Expr(0, &a));
      args->push_back(std::move(a));
      if (IsSym(Cur(), ",")) {
        ++i_;
        continue;
      }
      return Expect(")");
    }
  }

  Status TypeSpecifier(TypeSpec* out) {
    const Token& t = Cur();
    if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kDelimited) {
      return SyntaxError(t.pos, "expected a type name");
    }
    std::string first = t.text;
    ++i_;
    if (IsSym(Cur(), ".") && (Ahead(1).kind == TokenKind::kIdentifier ||
                              Ahead(1).kind == TokenKind::kDelimited)) {
      out->ns = std::move(first);
      out->name = Ahead(1).text;
      i_ += 2;
    } else {
      out->name = std::move(first);
    }
    return Status::Ok();
  }

  Status Term(std::unique_ptr<Node>* out) {
    DepthGuard g(&depth_);
    if (depth_ > max_depth_) return ResourceExhausted("expression nests too deeply");
    const Token& t = Cur();
    switch (t.kind) {
      case TokenKind::kEnd:
        return SyntaxError(t.pos, "unexpected end of expression");
      case TokenKind::kNumber:
        return NumberLiteral(out);
      case TokenKind::kString: {
        auto n = MakeNode(NodeKind::kLiteral, t.pos);
        n->literal.push_back(Item::String(t.text));
        ++i_;
        *out = std::move(n);
        return Status::Ok();
      }
      case TokenKind::kDateTime:
      case TokenKind::kTime:
        return TemporalLiteral(out);
      case TokenKind::kExternal: {
        auto n = MakeNode(NodeKind::kVariable, t.pos);
        n->name = t.text;
        ++i_;
        *out = std::move(n);
        return Status::Ok();
      }
      case TokenKind::kIdentifier:
        if (t.text == "true" || t.text == "false") {
          auto n = MakeNode(NodeKind::kLiteral, t.pos);
          n->literal.push_back(Item::Boolean(t.text == "true"));
          ++i_;
          *out = std::move(n);
          return Status::Ok();
        }
        return Invocation(out);
      case TokenKind::kDelimited:
      case TokenKind::kSpecial:
        return Invocation(out);
      case TokenKind::kSymbol:
        break;
    }
    if (IsSym(t, "(")) {
      ++i_;
      GW_RETURN_IF_ERROR(Expr(0, out));
      return Expect(")");
    }
    if (IsSym(t, "{")) {
      auto n = MakeNode(NodeKind::kLiteral, t.pos);
      ++i_;
      GW_RETURN_IF_ERROR(Expect("}"));
      *out = std::move(n);
      return Status::Ok();
    }
    return SyntaxError(t.pos, "unexpected '" + t.text + "'");
  }

  Status NumberLiteral(std::unique_ptr<Node>* out) {
    const Token& t = Cur();
    auto n = MakeNode(NodeKind::kLiteral, t.pos);
    auto d = Decimal::Parse(t.text);
    if (!d) return SyntaxError(t.pos, "number out of range");
    ++i_;
    const Token& u = Cur();
    if (u.kind == TokenKind::kString ||
        (u.kind == TokenKind::kIdentifier && IsCalendarKeyword(u.text))) {
      Quantity q;
      q.value = *d;
      q.unit = u.text;
      ++i_;
      n->literal.push_back(Item::Qty(std::move(q)));
    } else if (t.text.find('.') == std::string::npos) {
      auto v = d->ToInt64();
      if (!v || *v > 2147483647LL) {
        // FHIRPath Integer is 32-bit; larger literals are kept as Long-like integers.
        if (!v) return SyntaxError(t.pos, "integer out of range");
      }
      n->literal.push_back(Item::Integer(*v));
    } else {
      n->literal.push_back(Item::Dec(*d));
    }
    *out = std::move(n);
    return Status::Ok();
  }

  Status TemporalLiteral(std::unique_ptr<Node>* out) {
    const Token& t = Cur();
    std::optional<Temporal> v;
    if (t.kind == TokenKind::kTime) {
      if (t.text.find_first_of("Z+-") != std::string::npos) {
        auto n = MakeNode(NodeKind::kError, t.pos);
        n->name = "a time literal cannot have a time zone";
        ++i_;
        *out = std::move(n);
        return Status::Ok();
      }
      v = Temporal::ParseTime(t.text);
    } else if (t.text.find('T') != std::string::npos) {
      v = Temporal::ParseDateTime(t.text);
    } else {
      v = Temporal::ParseDate(t.text);
    }
    if (!v) return SyntaxError(t.pos, "invalid date/time literal '@" + t.text + "'");
    auto n = MakeNode(NodeKind::kLiteral, t.pos);
    n->literal.push_back(Item::Time(*v));
    ++i_;
    *out = std::move(n);
    return Status::Ok();
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
  int depth_ = 0;
  int max_depth_;
};

}  // namespace

Result<std::unique_ptr<Node>> Parse(std::string_view text, int max_depth) {
  auto tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(std::move(tokens).value(), max_depth).Run();
}

}  // namespace gw::fhirpath
