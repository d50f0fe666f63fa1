#include "gateway/core/search/index_values.h"

#include <algorithm>

#include "gateway/core/fhirpath/ucum_canonical.h"
#include "gateway/core/search/decimal_key.h"
#include "gateway/core/search/instant.h"
#include "gateway/core/search/reference_text.h"
#include "gateway/core/search/string_normalize.h"

namespace gw::search {
namespace {

using fhirpath::Item;
using fhirpath::ItemKind;

constexpr std::string_view kUcum = "http://unitsofmeasure.org";
constexpr std::string_view kIso4217 = "urn:iso:std:iso:4217";

std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

// The object behind a node item, or null for primitives and System values.
const json::Value* ObjectOf(const Item& item) {
  if (!item.is_node() || item.node().value == nullptr || !item.node().value->is_object()) {
    return nullptr;
  }
  return item.node().value;
}

std::string_view TypeOf(const Item& item) { return item.is_node() ? item.node().type : ""; }

// Text of a primitive node or System value: strings as they are, booleans "true"/"false",
// numbers by their exact text; nullopt for objects and empty values.
std::optional<std::string> PrimitiveText(const Item& item) {
  if (item.is_node()) {
    const json::Value* v = item.node().value;
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) return std::string(v->string_value());
    if (v->is_bool()) return std::string(v->bool_value() ? "true" : "false");
    if (v->is_number()) return std::string(v->number_text());
    return std::nullopt;
  }
  if (item.kind() == ItemKind::kQuantity) return std::nullopt;
  return fhirpath::ToText(item);
}

template <typename F>
void ForEachString(const json::Value* v, F&& f) {
  if (v == nullptr) return;
  if (v->is_string()) {
    f(v->string_value());
  } else if (v->is_array()) {
    for (const json::Value& x : v->items()) {
      if (x.is_string()) f(x.string_value());
    }
  }
}

std::optional<fhirpath::Temporal> TemporalOf(const Item& item) {
  if (item.is_node()) {
    const json::Value* v = item.node().value;
    if (v == nullptr || !v->is_string()) return std::nullopt;
    return fhirpath::Temporal::ParseDateTime(v->string_value());
  }
  if (item.kind() == ItemKind::kDate || item.kind() == ItemKind::kDateTime) {
    return item.temporal();
  }
  return std::nullopt;
}

static_assert(static_cast<int>(DatePrecision::kMillisecond) ==
              static_cast<int>(fhirpath::Precision::kMillisecond));

DatePrecision PrecisionOf(const InstantRange& r) {
  return static_cast<DatePrecision>(static_cast<std::uint8_t>(r.precision));
}

std::optional<InstantRange> RangeOfValue(const json::Value* v) {
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return RangeOfText(v->string_value());
}

}  // namespace

std::string IndexValueWriter::Normalized(std::string_view text) const {
  std::string n = NormalizeString(text);
  if (n.size() > options_.max_normalized_bytes) {
    std::size_t cut = options_.max_normalized_bytes;
    while (cut > 0 && (static_cast<unsigned char>(n[cut]) & 0xC0) == 0x80) --cut;
    n.resize(cut);
  }
  return n;
}

void IndexValueWriter::Add(const SearchParam& param, const Item& item) {
  switch (param.type) {
    case ParamType::kToken:
      return AddToken(param.code, item);
    case ParamType::kString:
      return AddString(param.code, item);
    case ParamType::kReference:
      return AddReference(param.code, item);
    case ParamType::kDate:
      return AddDate(param.code, item);
    case ParamType::kNumber:
      return AddNumber(param.code, item);
    case ParamType::kQuantity:
      return AddQuantity(param.code, item);
    case ParamType::kUri:
      return AddUri(param.code, item);
    case ParamType::kComposite:
    case ParamType::kSpecial:
      return;
  }
}

void IndexValueWriter::Token(const std::string& code, std::string_view system,
                             std::string_view value, std::string_view text) {
  if (value.empty() && text.empty()) return;
  out_->tokens.push_back(
      {code, std::string(system), std::string(value), text.empty() ? "" : Normalized(text)});
}

void IndexValueWriter::AddToken(const std::string& code, const Item& item) {
  const json::Value* obj = ObjectOf(item);
  if (obj == nullptr) {
    if (std::optional<std::string> text = PrimitiveText(item)) Token(code, "", *text, "");
    return;
  }
  std::string_view type = TypeOf(item);
  auto coding = [&](const json::Value& c) {
    Token(code, Str(c.Find("system")), Str(c.Find("code")), Str(c.Find("display")));
  };
  if (type == "CodeableConcept" || (type.empty() && obj->Find("coding") != nullptr)) {
    std::string_view text = Str(obj->Find("text"));
    std::string normalized_text = text.empty() ? std::string() : Normalized(text);
    bool text_is_a_display = false;
    if (const json::Value* cs = obj->Find("coding"); cs != nullptr && cs->is_array()) {
      for (const json::Value& c : cs->items()) {
        if (!c.is_object()) continue;
        coding(c);
        if (!text_is_a_display && !normalized_text.empty()) {
          std::string_view display = Str(c.Find("display"));
          text_is_a_display = !display.empty() && Normalized(display) == normalized_text;
        }
      }
    }
    // The text gets its own row unless a coding row already carries it as its display.
    if (!text_is_a_display) Token(code, "", "", text);
  } else if (type == "Identifier") {
    const json::Value* t = obj->Find("type");
    Token(code, Str(obj->Find("system")), Str(obj->Find("value")),
          t != nullptr ? Str(t->Find("text")) : "");
  } else if (type == "ContactPoint") {
    Token(code, Str(obj->Find("system")), Str(obj->Find("value")), "");
  } else if (type == "Coding" || type.empty()) {
    coding(*obj);
  }
}

void IndexValueWriter::String(const std::string& code, std::string_view value) {
  if (value.empty()) return;
  out_->strings.push_back({code, Normalized(value), std::string(value)});
}

void IndexValueWriter::AddString(const std::string& code, const Item& item) {
  const json::Value* obj = ObjectOf(item);
  if (obj == nullptr) {
    if (std::optional<std::string> text = PrimitiveText(item)) String(code, *text);
    return;
  }
  std::string_view type = TypeOf(item);
  auto add = [&](std::string_view s) { String(code, s); };
  if (type == "HumanName") {
    for (const char* k : {"family", "given", "prefix", "suffix", "text"}) {
      ForEachString(obj->Find(k), add);
    }
  } else if (type == "Address") {
    for (const char* k : {"line", "city", "district", "state", "postalCode", "country", "text"}) {
      ForEachString(obj->Find(k), add);
    }
  }
}

void IndexValueWriter::ReferenceText(const std::string& code, std::string_view ref,
                                     std::string_view type_hint, ReferenceEntry e) {
  e.param = code;
  auto is_type = [this](std::string_view t) { return registry_.IsResourceType(t); };
  ParsedReference p = ParseReference(ref, is_type);
  switch (p.kind) {
    case ParsedReference::Kind::kLocal:
      e.target_type = p.type;
      e.target_id = p.id;
      e.version = p.version;
      break;
    case ParsedReference::Kind::kAbsolute: {
      e.target_type = p.type;
      e.target_id = p.id;
      e.version = p.version;
      bool local = std::find(options_.local_base_urls.begin(), options_.local_base_urls.end(),
                             p.base) != options_.local_base_urls.end();
      if (!local) e.url = std::string(ref.substr(0, p.id.data() + p.id.size() - ref.data()));
      break;
    }
    case ParsedReference::Kind::kContained: {
      e.url = std::string(ref);
      if (const json::Value* cs = resource_.Find("contained"); cs != nullptr && cs->is_array()) {
        for (const json::Value& c : cs->items()) {
          if (Str(c.Find("id")) == p.id) e.target_type = Str(c.Find("resourceType"));
        }
      }
      break;
    }
    case ParsedReference::Kind::kUrn:
    case ParsedReference::Kind::kOther:
      e.url = std::string(ref);
      break;
  }
  if (e.target_type.empty() && registry_.IsResourceType(type_hint)) {
    e.target_type = std::string(type_hint);
  }
  if (e.target_type.empty() && e.url.empty() && e.identifier_value.empty()) return;
  out_->references.push_back(std::move(e));
}

void IndexValueWriter::AddReference(const std::string& code, const Item& item) {
  const json::Value* obj = ObjectOf(item);
  if (obj == nullptr) {  // canonical / uri
    std::optional<std::string> text = PrimitiveText(item);
    if (!text || text->empty()) return;
    std::string_view t = *text;
    ReferenceEntry e;
    if (std::size_t bar = t.find('|'); bar != std::string_view::npos) {
      e.version = std::string(t.substr(bar + 1));
      t = t.substr(0, bar);
    }
    e.param = code;
    e.url = std::string(t);
    auto is_type = [this](std::string_view x) { return registry_.IsResourceType(x); };
    ParsedReference p = ParseReference(t, is_type);
    if (p.kind == ParsedReference::Kind::kAbsolute || p.kind == ParsedReference::Kind::kLocal) {
      e.target_type = p.type;
      e.target_id = p.id;
    }
    out_->references.push_back(std::move(e));
    return;
  }
  ReferenceEntry e;
  if (const json::Value* id = obj->Find("identifier"); id != nullptr && id->is_object()) {
    e.identifier_system = Str(id->Find("system"));
    e.identifier_value = Str(id->Find("value"));
  }
  ReferenceText(code, Str(obj->Find("reference")), Str(obj->Find("type")), std::move(e));
}

void IndexValueWriter::AddDate(const std::string& code, const Item& item) {
  const json::Value* obj = ObjectOf(item);
  if (obj == nullptr) {
    std::optional<fhirpath::Temporal> t = TemporalOf(item);
    if (!t) return;
    if (std::optional<InstantRange> r = RangeOf(*t)) {
      out_->dates.push_back({code, r->low_ms, r->high_ms, PrecisionOf(*r)});
    }
    return;
  }
  std::string_view type = TypeOf(item);
  if (type == "Period" || (type.empty() && (obj->Find("start") || obj->Find("end")))) {
    std::optional<InstantRange> start = RangeOfValue(obj->Find("start"));
    std::optional<InstantRange> end = RangeOfValue(obj->Find("end"));
    if (!start && !end) return;
    out_->dates.push_back({code, start ? start->low_ms : kMinInstantMs,
                           end ? end->high_ms : kMaxInstantMs, PrecisionOf(start ? *start : *end)});
  } else if (type == "Timing") {
    std::optional<std::int64_t> low, high;
    DatePrecision precision = DatePrecision::kMillisecond;
    auto widen = [&](const InstantRange& r) {
      if (!low || r.low_ms < *low) precision = PrecisionOf(r);
      low = low ? std::min(*low, r.low_ms) : r.low_ms;
      high = high ? std::max(*high, r.high_ms) : r.high_ms;
    };
    if (const json::Value* ev = obj->Find("event"); ev != nullptr && ev->is_array()) {
      for (const json::Value& e : ev->items()) {
        if (auto r = RangeOfValue(&e)) widen(*r);
      }
    }
    if (const json::Value* rep = obj->Find("repeat"); rep != nullptr && rep->is_object()) {
      if (const json::Value* b = rep->Find("boundsPeriod"); b != nullptr && b->is_object()) {
        std::optional<InstantRange> s = RangeOfValue(b->Find("start"));
        std::optional<InstantRange> e = RangeOfValue(b->Find("end"));
        if (s || e) {
          widen({s ? s->low_ms : kMinInstantMs, e ? e->high_ms : kMaxInstantMs,
                 (s ? *s : *e).precision});
        }
      }
    }
    if (low) out_->dates.push_back({code, *low, *high, precision});
  }
}

void IndexValueWriter::AddNumber(const std::string& code, const Item& item) {
  std::optional<std::string> text;
  if (item.is_node()) {
    const json::Value* v = item.node().value;
    if (v != nullptr && v->is_number()) text = std::string(v->number_text());
  } else if (item.kind() == ItemKind::kInteger || item.kind() == ItemKind::kDecimal) {
    text = fhirpath::ToText(item);
  }
  if (!text) return;
  std::optional<fhirpath::Decimal> d = fhirpath::Decimal::Parse(*text);
  if (!d) return;
  out_->numbers.push_back({code, *text, DecimalSortKey(*d)});
}

void IndexValueWriter::AddQuantity(const std::string& code, const Item& item) {
  QuantityEntry e;
  e.param = code;
  std::optional<fhirpath::Decimal> d;
  const json::Value* obj = ObjectOf(item);
  if (obj == nullptr) {
    if (item.kind() != ItemKind::kQuantity) return;
    d = item.quantity().value;
    e.value = d->ToString();
    e.code = item.quantity().unit;
    e.system = std::string(kUcum);
  } else {
    std::string_view type = TypeOf(item);
    const json::Value* v = obj->Find("value");
    if (v == nullptr || !v->is_number()) return;
    e.value = std::string(v->number_text());
    d = fhirpath::Decimal::Parse(e.value);
    if (!d) return;
    if (type == "Money") {
      e.system = std::string(kIso4217);
      e.code = Str(obj->Find("currency"));
    } else if (fhirpath::IsQuantityType(type) || type.empty()) {
      e.system = Str(obj->Find("system"));
      e.code = Str(obj->Find("code"));
      e.unit = Str(obj->Find("unit"));
    } else {
      return;  // SampledData, Range, ...: not indexed
    }
  }
  e.sort_key = DecimalSortKey(*d);
  if (e.system == kUcum && !e.code.empty()) {
    if (auto base = fhirpath::ToUcumBaseUnits(*d, e.code)) {
      e.canonical_unit = base->unit;
      e.canonical_value = base->value.ToString();
      e.canonical_sort_key = DecimalSortKey(base->value);
    }
  }
  out_->quantities.push_back(std::move(e));
}

void IndexValueWriter::AddUri(const std::string& code, const Item& item) {
  if (ObjectOf(item) != nullptr) return;
  std::optional<std::string> text = PrimitiveText(item);
  if (!text || text->empty()) return;
  out_->uris.push_back({code, std::move(*text)});
}

}  // namespace gw::search
