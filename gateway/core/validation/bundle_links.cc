#include "gateway/core/validation/bundle_links.h"

#include <set>
#include <unordered_map>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/narrative_links.h"

namespace gw::validation {
namespace {

constexpr std::string_view kNarrativeLink = "http://hl7.org/fhir/StructureDefinition/narrativeLink";

bool IsIdText(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsResourceType(const model::TypeModel* model, std::string_view t) {
  if (model == nullptr || t.empty() || t[0] < 'A' || t[0] > 'Z') return false;
  auto k = model->KindOf(t);
  return k && *k == model::TypeKind::kResource;
}

bool IsAbsolute(std::string_view ref) {
  std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = ref[i];
    if (!((c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) return out;
    s = s.substr(p + 1);
  }
}

// "[http[s]://host/path/]Type/id[/_history/version]" with a known resource type.
bool IsRestfulUrl(std::string_view url, const model::TypeModel* model) {
  bool schemed = false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.rfind(scheme, 0) == 0) {
      url = url.substr(scheme.size());
      schemed = true;
    }
  }
  std::vector<std::string_view> parts = Split(url, '/');
  bool history = parts.size() >= 4 && parts[parts.size() - 2] == "_history";
  std::size_t tail = history ? 4 : 2;
  if (parts.size() < tail || (!schemed && parts.size() != tail)) return false;
  std::size_t t = parts.size() - tail;
  if (!IsResourceType(model, parts[t]) || !IsIdText(parts[t + 1])) return false;
  if (tail == 4 && !IsIdText(parts[t + 3])) return false;
  for (std::size_t i = 0; i < t; ++i) {
    for (char c : parts[i]) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == ':' || c == '%' || c == '$' || c == '\\';
      if (!ok) return false;
    }
  }
  return true;
}

struct Entry {
  const json::Value* resource = nullptr;
  std::string_view full_url;
  std::string_view type;
  std::string_view id;
};

struct Link {
  const json::Value* source;  // the Reference (or extension) the link is read from
  std::string_view ref;
  bool narrative_link;
};

class BundleLinks {
 public:
  BundleLinks(const json::Value& bundle, const std::string& location, const model::TypeModel* model,
              IssueSink& sink)
      : bundle_(bundle), location_(location), model_(model), sink_(sink) {
    const json::Value* entries = bundle.Find("entry");
    if (entries == nullptr || !entries->is_array()) return;
    for (const json::Value& e : entries->items()) {
      const json::Value* res = e.Find("resource");
      if (res == nullptr || !res->is_object()) continue;
      Entry entry{res, StringMember(e, "fullUrl"), StringMember(*res, "resourceType"),
                  StringMember(*res, "id")};
      int index = static_cast<int>(entries_.size());
      std::string_view version = StringMember(res->Find("meta"), "versionId");
      if (!entry.full_url.empty()) {
        by_url_[std::string(entry.full_url)].push_back(index);
        if (!version.empty()) {
          by_url_[std::string(entry.full_url) + "/_history/" + std::string(version)].push_back(
              index);
        }
      }
      if (!entry.id.empty()) {
        std::string key = std::string(entry.type) + "/" + std::string(entry.id);
        by_type_id_[key].push_back(index);
        if (!version.empty())
          by_type_id_[key + "/_history/" + std::string(version)].push_back(index);
      }
      entries_.push_back(entry);
    }
  }

  void CheckFirstEntry(std::string_view type) {
    if (entries_.empty()) return;
    const Entry& first = entries_[0];
    std::string base = location_ + ".entry[1].resource";
    if (type == "document" && first.type == "Composition") {
      CheckComposition(*first.resource, base, first);
    } else if (type == "message" && first.type == "MessageHeader") {
      const json::Value* focus = first.resource->Find("focus");
      if (focus == nullptr || !focus->is_array()) return;
      for (std::size_t i = 0; i < focus->items().size(); ++i) {
        Check(&focus->items()[i], base + ".focus[" + std::to_string(i) + "]", "MessageHeader Data",
              first);
      }
    }
  }

  void CheckReachable(bool message) {
    if (entries_.empty()) return;
    std::vector<std::set<int>> targets(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      for (const Link& l : LinksOf(*entries_[i].resource)) {
        int t = Resolve(l.ref, entries_[i], location_, entries_[i].type, true, l.narrative_link,
                        l.source);
        if (t >= 0 && t != static_cast<int>(i)) targets[i].insert(t);
      }
    }
    std::vector<bool> visited(entries_.size(), false);
    auto visit = [&](int start) {
      std::vector<int> todo{start};
      while (!todo.empty()) {
        auto i = static_cast<std::size_t>(todo.back());
        todo.pop_back();
        if (visited[i]) continue;
        visited[i] = true;
        todo.insert(todo.end(), targets[i].begin(), targets[i].end());
      }
    };
    visit(0);
    VisitStylesheets(visit);
    for (bool grew = true; grew;) {
      grew = false;
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (visited[i]) continue;
        for (int t : targets[i]) {
          if (!visited[static_cast<std::size_t>(t)]) continue;
          visit(static_cast<int>(i));
          grew = true;
          break;
        }
      }
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (visited[i]) continue;
      std::string name = entries_[i].full_url.empty()
                             ? std::string()
                             : "'" + std::string(entries_[i].full_url) + "'";
      sink_.Report(Issue{message ? Severity::kWarning : Severity::kError,
                         std::string(codes::kBundleEntryUnreachable),
                         location_ + ".entry[" + std::to_string(i + 1) + "]",
                         "Entry " + name + " isn't reachable by traversing links (forward or " +
                             "backward) from the " + (message ? "MessageHeader" : "Composition")});
    }
  }

 private:
  // The Composition's references, located as the reference validator numbers them.
  void CheckComposition(const json::Value& c, const std::string& base, const Entry& source) {
    Check(c.Find("subject"), base + ".subject", "Composition.subject", source);
    EachItem(c.Find("author"), [&](const json::Value& a, std::size_t n) {
      Check(&a, base + ".author[" + std::to_string(n) + "]", "Composition.author", source);
    });
    Check(c.Find("encounter"), base + ".encounter", "Composition.encounter", source);
    Check(c.Find("custodian"), base + ".custodian", "Composition.custodian", source);
    EachItem(c.Find("attester"), [&](const json::Value& a, std::size_t n) {
      Check(a.Find("party"), base + ".attester[" + std::to_string(n) + "].party",
            "Composition.attester.party", source);
    });
    EachItem(c.Find("event"), [&](const json::Value& e, std::size_t n) {
      EachItem(e.Find("detail"), [&](const json::Value& d, std::size_t m) {
        Check(&d, base + ".event[" + std::to_string(n) + "].detail[" + std::to_string(m) + "]",
              "Composition.event.detail", source);
      });
    });
    CheckSections(c, base, source);
  }

  void CheckSections(const json::Value& parent, const std::string& base, const Entry& source) {
    EachItem(parent.Find("section"), [&](const json::Value& s, std::size_t n) {
      std::string section = base + ".section[" + std::to_string(n) + "]";
      EachItem(s.Find("author"), [&](const json::Value& a, std::size_t k) {
        Check(&a, base + ".author[" + std::to_string(k) + "]", "Section.author", source);
      });
      Check(s.Find("focus"), base + ".focus", "Section.focus", source);
      EachItem(s.Find("entry"), [&](const json::Value& e, std::size_t k) {
        Check(&e, section + ".entry[" + std::to_string(k) + "]", "Section Entry", source);
      });
      CheckSections(s, section, source);
    });
  }

  // Calls `f` with each object of the array `list` and its position counted from 1.
  template <typename F>
  static void EachItem(const json::Value* list, F f) {
    if (list == nullptr || !list->is_array()) return;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      if (list->items()[i].is_object()) f(list->items()[i], i + 1);
    }
  }

  void Check(const json::Value* ref, const std::string& where, std::string_view name,
             const Entry& source) {
    if (ref == nullptr || !ref->is_object()) return;
    std::string_view text = StringMember(*ref, "reference");
    if (text.empty() || text[0] == '#') return;
    Resolve(text, source, where, name, false, false, ref);
  }

  // Reference.reference values and narrativeLink urls of a resource (not inside a nested
  // Bundle), each distinct text once.
  static std::vector<Link> LinksOf(const json::Value& resource) {
    std::vector<Link> links;
    std::set<std::string_view> seen;
    std::vector<const json::Value*> todo{&resource};
    while (!todo.empty()) {
      const json::Value* v = todo.back();
      todo.pop_back();
      if (v->is_array()) {
        for (const json::Value& i : v->items()) todo.push_back(&i);
        continue;
      }
      if (!v->is_object() || (v != &resource && StringMember(*v, "resourceType") == "Bundle")) {
        continue;
      }
      std::string_view ref = StringMember(*v, "reference");
      bool nl = StringMember(*v, "url") == kNarrativeLink;
      if (nl) {
        ref = StringMember(*v, "valueUrl");
        if (ref.empty()) ref = StringMember(*v, "valueUri");
      }
      if (!ref.empty() && ref[0] != '#' && seen.insert(ref).second) links.push_back({v, ref, nl});
      for (const json::Member& m : v->members()) {
        if (m.value.is_object() || m.value.is_array()) todo.push_back(&m.value);
      }
    }
    return links;
  }

  template <typename Visit>
  void VisitStylesheets(Visit& visit) {
    const json::Value* links = bundle_.Find("link");
    if (links == nullptr || !links->is_array()) return;
    for (const json::Value& l : links->items()) {
      if (StringMember(l, "relation") != "stylesheet") continue;
      std::string_view url = StringMember(l, "url");
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (url == std::string(entries_[i].type) + "/" + std::string(entries_[i].id)) {
          visit(static_cast<int>(i));
          break;
        }
      }
    }
  }

  void Report(const json::Value* source, Severity severity, std::string_view code,
              const std::string& where, std::string message) {
    if (!reported_.insert(source).second) return;
    sink_.Report(Issue{severity, std::string(code), where, std::move(message)});
  }

  // The entry `ref` (made from `source`) points at, or -1. Errors are located at `where`;
  // `warning`: a reference that points at nothing is not reported.
  int Resolve(std::string_view ref, const Entry& source, const std::string& where,
              std::string_view name, bool warning, bool narrative_link, const json::Value* origin) {
    std::string fragment;
    std::size_t hash = ref.find('#');
    if (hash != std::string_view::npos) {
      fragment = std::string(ref.substr(hash + 1));
      ref = ref.substr(0, hash);
    }
    std::string in = " in the bundle (" + std::string(name) + ")";
    if (IsAbsolute(ref)) {
      auto it = by_url_.find(std::string(ref));
      if (it == by_url_.end()) {
        if (!warning) {
          Report(origin, Severity::kError, codes::kBundleReferenceUnresolved, where,
                 "Can't find '" + std::string(ref) + "'" + in);
        }
        return -1;
      }
      if (it->second.size() > 1) {
        Report(origin, Severity::kError, codes::kBundleReferenceAmbiguous, where,
               "Found " + std::to_string(it->second.size()) + " matches for '" + std::string(ref) +
                   "'" + in);
        return -1;
      }
      int target = it->second[0];
      if (!fragment.empty()) CheckFragment(target, ref, fragment, where, name, narrative_link);
      return target;
    }
    std::string own = std::string(source.type) + "/" + std::string(source.id);
    std::string_view full = source.full_url;
    if (IsRestfulUrl(full, model_) && full.size() >= own.size() &&
        full.substr(full.size() - own.size()) == own) {
      auto it =
          by_url_.find(std::string(full.substr(0, full.size() - own.size())) + std::string(ref));
      if (it != by_url_.end() && it->second.size() == 1) return it->second[0];
      if (it != by_url_.end()) {
        Report(origin, Severity::kError, codes::kBundleReferenceAmbiguous, where,
               "Found " + std::to_string(it->second.size()) + " matches for '" + std::string(ref) +
                   "'" + in);
        return -1;
      }
    }
    std::vector<std::string_view> parts = Split(ref, '/');
    if (parts.size() < 2 || !IsResourceType(model_, parts[0])) return -1;
    auto apparent = by_type_id_.find(std::string(parts[0]) + "/" + std::string(parts[1]));
    if (apparent != by_type_id_.end()) {
      Report(origin, Severity::kError, codes::kBundleReferenceUnresolved, where,
             "Can't find '" + std::string(ref) + "'" + in + ". Note that " +
                 std::to_string(apparent->second.size()) +
                 " resource(s) in the bundle have the same type and id, but do not match by "
                 "the fullUrl based rules around matching relative references (source fullUrl '" +
                 std::string(full) + "')");
    } else if (!warning) {
      Report(origin, Severity::kError, codes::kBundleReferenceUnresolved, where,
             "Can't find '" + std::string(ref) + "'" + in);
    }
    return -1;
  }

  void CheckFragment(int target, std::string_view ref, const std::string& fragment,
                     const std::string& where, std::string_view name, bool narrative_link) {
    AnchorCounts anchors;
    CollectAnchors(*entries_[static_cast<std::size_t>(target)].resource, &anchors);
    auto it = anchors.find(fragment);
    int n = it == anchors.end() ? 0 : it->second;
    if (n == 0 && narrative_link) {
      sink_.Report(Issue{Severity::kError, std::string(codes::kBundleReferenceUnresolved), where,
                         "Can't find fragment '" + fragment + "' in '" + std::string(ref) +
                             "' in the bundle (" + std::string(name) + ")"});
    } else if (n > 1) {
      sink_.Report(Issue{Severity::kError, std::string(codes::kBundleReferenceAmbiguous), where,
                         "Found " + std::to_string(n) + " matches for fragment " + fragment +
                             " in resource '" + std::string(ref) + "' in the bundle (" +
                             std::string(name) + ")"});
    }
  }

  const json::Value& bundle_;
  const std::string& location_;
  const model::TypeModel* model_;
  IssueSink& sink_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<int>> by_url_;
  std::unordered_map<std::string, std::vector<int>> by_type_id_;
  std::set<const json::Value*> reported_;
};

}  // namespace

void CheckBundleLinks(const json::Value& bundle, std::string_view type, const std::string& location,
                      const model::TypeModel* model, IssueSink& sink) {
  if (type != "document" && type != "message") return;
  BundleLinks links(bundle, location, model, sink);
  links.CheckFirstEntry(type);
  links.CheckReachable(type == "message");
}

}  // namespace gw::validation
