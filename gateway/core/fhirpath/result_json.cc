#include "gateway/core/fhirpath/result_json.h"

#include "gateway/core/json/write.h"

namespace gw::fhirpath {

void AppendItemJson(const Item& item, std::string* out) {
  out->append("{\"type\":");
  json::AppendEscapedString(OutputTypeName(item), out);
  out->append(",\"value\":");
  switch (item.kind()) {
    case ItemKind::kBoolean: out->append(item.boolean() ? "true" : "false"); break;
    case ItemKind::kInteger: out->append(std::to_string(item.integer())); break;
    case ItemKind::kDecimal: out->append(item.decimal().ToString()); break;
    case ItemKind::kString: json::AppendEscapedString(item.string(), out); break;
    case ItemKind::kDate:
    case ItemKind::kDateTime:
    case ItemKind::kTime: json::AppendEscapedString(item.temporal().ToString(), out); break;
    case ItemKind::kQuantity:
      out->append("{\"value\":");
      out->append(item.quantity().value.ToString());
      out->append(",\"unit\":");
      json::AppendEscapedString(item.quantity().unit, out);
      out->append("}");
      break;
    case ItemKind::kNode:
      if (item.node().value != nullptr) {
        out->append(json::Write(*item.node().value));
      } else {
        out->append("null");
      }
      break;
  }
  out->append("}");
}

std::string ResultToJson(const Collection& c) {
  std::string out = "[";
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendItemJson(c[i], &out);
  }
  out.push_back(']');
  return out;
}

}  // namespace gw::fhirpath
