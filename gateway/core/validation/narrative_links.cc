#include "gateway/core/validation/narrative_links.h"

#include <optional>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/xhtml_scan.h"

namespace gw::validation {
namespace {

// The scheme of an absolute URI ("javascript" for "javascript:void(0)"), or "".
std::string_view Scheme(std::string_view href) {
  std::size_t colon = href.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    char c = href[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return {};
  }
  return href.substr(0, colon);
}

int Count(const AnchorCounts& anchors, const std::string& name) {
  auto it = anchors.find(name);
  return it == anchors.end() ? 0 : it->second;
}

void Report(IssueSink& sink, Severity severity, std::string_view code, std::string_view location,
            std::string message) {
  sink.Report(Issue{severity, std::string(code), std::string(location), std::move(message)});
}

std::string Describe(const XhtmlLink& link) {
  return "'" + link.value + "' at '" + link.path + "' for '" + link.text + "'";
}

}  // namespace

void CollectAnchors(const json::Value& tree, AnchorCounts* anchors) {
  std::vector<const json::Value*> todo{&tree};
  while (!todo.empty()) {
    const json::Value* v = todo.back();
    todo.pop_back();
    if (v->is_array()) {
      for (const json::Value& i : v->items()) todo.push_back(&i);
      continue;
    }
    if (!v->is_object()) continue;
    for (const json::Member& m : v->members()) {
      if (m.value.is_string()) {
        if (m.key == "id") ++(*anchors)[std::string(m.value.string_value())];
        if (m.key == "div") {
          for (const std::string& a : ScanXhtml(m.value.string_value()).anchors) ++(*anchors)[a];
        }
      } else if (m.value.is_object() || m.value.is_array()) {
        todo.push_back(&m.value);
      }
    }
  }
}

void CheckNarrativeLinks(std::string_view div, const json::Value& root, const json::Value* bundle,
                         std::string_view location, IssueSink& sink) {
  XhtmlScan scan = ScanXhtml(div);
  if (scan.links.empty()) return;
  std::optional<AnchorCounts> in_root;
  std::optional<AnchorCounts> in_bundle;
  auto count = [&](const std::string& name, bool whole_bundle) {
    if (!in_root) CollectAnchors(root, &in_root.emplace());
    int n = Count(*in_root, name);
    if (n > 0 || !whole_bundle || bundle == nullptr) return n;
    if (!in_bundle) CollectAnchors(*bundle, &in_bundle.emplace());
    return Count(*in_bundle, name);
  };
  for (const XhtmlLink& link : scan.links) {
    bool anchor = link.attribute == "href";
    if (anchor && link.value.empty()) {
      Report(sink, Severity::kError, codes::kNarrativeLinkEmpty, location,
             "The hyperlink at '" + link.path + "' for '" + link.text + "' has an empty href");
      continue;
    }
    if (link.value.size() > 1 && link.value[0] == '#') {
      int n = count(link.value.substr(1), anchor);
      if (n == 0) {
        Report(sink, Severity::kError, codes::kNarrativeLinkUnresolved, location,
               (anchor ? "Hyperlink " : "Image source ") + Describe(link) + " does not resolve");
      } else if (n > 1) {
        Report(sink, anchor ? Severity::kWarning : Severity::kError, codes::kNarrativeLinkAmbiguous,
               location,
               (anchor ? "Hyperlink " : "Image source ") + Describe(link) + " matches " +
                   std::to_string(n) + " targets");
      }
      continue;
    }
    std::string_view scheme = anchor ? Scheme(link.value) : std::string_view();
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "urn" || scheme == "cid") {
      Report(sink, Severity::kError, codes::kNarrativeLinkScheme, location,
             "Hyperlink " + Describe(link) + " uses the scheme '" + std::string(scheme) +
                 "', which is not allowed in a narrative link");
    }
  }
}

}  // namespace gw::validation
