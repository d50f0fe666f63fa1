#include "gateway/core/validation/snapshot_generator.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kSdPrefix = "http://hl7.org/fhir/StructureDefinition/";
constexpr int kMaxUnfoldDepth = 12;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// One snapshot element being built: its members, with id and path cached.
struct El {
  std::string id;
  std::string path;
  std::vector<json::Member> m;

  const json::Value* Get(std::string_view key) const {
    for (const json::Member& x : m) {
      if (x.key == key) return &x.value;
    }
    return nullptr;
  }
  void Set(std::string_view key, json::Value v) {
    for (json::Member& x : m) {
      if (x.key == key) {
        x.value = std::move(v);
        return;
      }
    }
    m.push_back(json::Member{std::string(key), std::move(v)});
  }
  // Removes members named `prefix` + an upper-case letter ("fixedCode" for "fixed").
  void ErasePrefixed(std::string_view prefix) {
    std::erase_if(m, [&](const json::Member& x) {
      return StartsWith(x.key, prefix) && x.key.size() > prefix.size() &&
             x.key[prefix.size()] >= 'A' && x.key[prefix.size()] <= 'Z';
    });
  }
  void Erase(std::string_view key) {
    std::erase_if(m, [&](const json::Member& x) { return x.key == key; });
  }
};

El FromValue(const json::Value& ed) {
  El e;
  e.m.assign(ed.members().begin(), ed.members().end());
  e.path = std::string(StringMember(ed, "path"));
  e.id = std::string(StringMember(ed, "id"));
  if (e.id.empty()) {
    e.id = e.path;
    std::string_view slice = StringMember(ed, "sliceName");
    if (!slice.empty()) e.id += ":" + std::string(slice);
    e.Set("id", json::Value::String(e.id));
  }
  return e;
}

// "Observation.value[x]:q" → name "value[x]", slice "q".
void SplitSegment(std::string_view seg, std::string_view* name, std::string_view* slice) {
  std::size_t colon = seg.find(':');
  *name = seg.substr(0, colon);
  *slice = colon == std::string_view::npos ? std::string_view{} : seg.substr(colon + 1);
}

std::size_t LastDot(std::string_view id) { return id.rfind('.'); }

class Builder {
 public:
  Builder(const SnapshotSource& source, IssueSink* issues) : source_(source), issues_(issues) {}

  std::vector<El> els;

  std::optional<std::size_t> Find(std::string_view id) const {
    for (std::size_t i = 0; i < els.size(); ++i) {
      if (els[i].id == id) return i;
    }
    return std::nullopt;
  }

  // The element with `id`, created when it can be (see the header); nullopt otherwise.
  std::optional<std::size_t> Ensure(std::string_view id, int depth = 0) {
    if (auto i = Find(id)) return i;
    std::size_t dot = LastDot(id);
    if (dot == std::string_view::npos || depth > kMaxUnfoldDepth) return std::nullopt;
    auto parent = Ensure(id.substr(0, dot), depth + 1);
    if (!parent) return std::nullopt;
    std::string parent_id = els[*parent].id;
    std::string_view last = id.substr(dot + 1);
    std::string full = parent_id + "." + std::string(last);
    if (auto i = Find(full)) return i;
    std::string_view name, slice;
    SplitSegment(last, &name, &slice);
    if (!slice.empty() && name.size() > 3 && name.substr(name.size() - 3) == "[x]" &&
        StartsWith(slice, name.substr(0, name.size() - 3))) {
      // "value[x]:valueString": a type restriction of the choice, not a slice of its own.
      if (!Ensure(parent_id + "." + std::string(name), depth + 1)) return std::nullopt;
      return RenamedChoice(parent_id, slice);
    }
    if (!slice.empty()) {
      auto sliced = Ensure(parent_id + "." + std::string(name), depth + 1);
      if (!sliced) return std::nullopt;
      return AddSlice(*sliced, std::string(slice));
    }
    if (!HasChildren(*parent) && !Unfold(*parent, depth)) return std::nullopt;
    if (auto i = Find(full)) return i;
    return RenamedChoice(parent_id, name);
  }

  void Merge(std::size_t at, const json::Value& diff) {
    El& e = els[at];
    for (const json::Member& x : diff.members()) {
      const std::string& k = x.key;
      if (k == "id" || k == "path") continue;
      if (k == "constraint" && x.value.is_array()) {
        AppendConstraints(&e, x.value);
      } else if (StartsWith(k, "fixed") || StartsWith(k, "pattern")) {
        e.ErasePrefixed("fixed");
        e.ErasePrefixed("pattern");
        e.Set(k, x.value);
      } else if (k == "slicing" && x.value.is_object() && e.Get("slicing") != nullptr) {
        El merged;
        merged.m.assign(e.Get("slicing")->members().begin(), e.Get("slicing")->members().end());
        for (const json::Member& s : x.value.members()) merged.Set(s.key, s.value);
        e.Set("slicing", json::Value::Object(std::move(merged.m)));
      } else {
        e.Set(k, x.value);
      }
    }
  }

  void Unplaced(std::string_view id) {
    if (issues_ != nullptr) {
      issues_->Report({Severity::kWarning, "snapshot-element-unplaced", std::string(id),
                       "differential element could not be placed in the snapshot"});
    }
  }

 private:
  bool HasChildren(std::size_t at) const {
    std::string prefix = els[at].id + ".";
    return at + 1 < els.size() && StartsWith(els[at + 1].id, prefix);
  }

  // End (exclusive) of the elements below `at` whose ids start with one of `prefixes`.
  std::size_t SubtreeEnd(std::size_t at, bool with_slices) const {
    std::string dot = els[at].id + ".";
    std::string colon = els[at].id + ":";
    std::size_t j = at + 1;
    while (j < els.size() &&
           (StartsWith(els[j].id, dot) || (with_slices && StartsWith(els[j].id, colon)))) {
      ++j;
    }
    return j;
  }

  std::size_t AddSlice(std::size_t sliced, const std::string& slice) {
    std::size_t own_end = SubtreeEnd(sliced, false);
    std::size_t insert_at = SubtreeEnd(sliced, true);
    std::string old_prefix = els[sliced].id;
    std::string new_prefix = old_prefix + ":" + slice;
    std::vector<El> copy(els.begin() + static_cast<std::ptrdiff_t>(sliced),
                         els.begin() + static_cast<std::ptrdiff_t>(own_end));
    for (El& c : copy) {
      c.id = new_prefix + c.id.substr(old_prefix.size());
      c.Set("id", json::Value::String(c.id));
    }
    copy[0].Erase("slicing");
    copy[0].Set("sliceName", json::Value::String(slice));
    copy[0].Set("min", json::Value::Number("0"));
    els.insert(els.begin() + static_cast<std::ptrdiff_t>(insert_at), copy.begin(), copy.end());
    return insert_at;
  }

  // Inserts the children of the element's type (its profile, else the base type) after it;
  // for a content reference, those of the referenced element of the base definition.
  bool Unfold(std::size_t at, int depth) {
    if (const json::Value* cref = els[at].Get("contentReference");
        cref != nullptr && cref->is_string()) {
      return UnfoldContentReference(at, cref->string_value());
    }
    const json::Value* types = els[at].Get("type");
    if (types == nullptr || !types->is_array() || types->items().size() != 1) return false;
    const json::Value& t = types->items()[0];
    std::string canonical;
    const json::Value* profiles = t.Find("profile");
    if (profiles != nullptr && profiles->is_array() && !profiles->items().empty() &&
        profiles->items()[0].is_string()) {
      canonical = std::string(profiles->items()[0].string_value());
    }
    std::string_view code = StringMember(t, "code");
    if (canonical.empty() && !code.empty()) {
      canonical = code.find(':') != std::string_view::npos ? std::string(code)
                                                           : std::string(kSdPrefix) + std::string(code);
    }
    if (canonical.empty() || depth > kMaxUnfoldDepth) return false;
    const json::Value* sd = source_(canonical);
    const json::Value* snap = sd != nullptr ? sd->Find("snapshot") : nullptr;
    const json::Value* list = snap != nullptr ? snap->Find("element") : nullptr;
    if (list == nullptr || !list->is_array() || list->items().size() < 2) return false;
    El root = FromValue(list->items()[0]);
    std::vector<El> children;
    for (std::size_t i = 1; i < list->items().size(); ++i) {
      if (!list->items()[i].is_object()) continue;
      El c = FromValue(list->items()[i]);
      if (!StartsWith(c.id, root.id + ".") && !StartsWith(c.id, root.id + ":")) continue;
      c.id = els[at].id + c.id.substr(root.id.size());
      if (StartsWith(c.path, root.path)) c.path = els[at].path + c.path.substr(root.path.size());
      c.Set("id", json::Value::String(c.id));
      c.Set("path", json::Value::String(c.path));
      children.push_back(std::move(c));
    }
    els.insert(els.begin() + static_cast<std::ptrdiff_t>(at) + 1, children.begin(), children.end());
    return true;
  }

  // Copies the descendants of the base element "#id" (not its slices) below `at`.
  bool UnfoldContentReference(std::size_t at, std::string_view cref) {
    if (base_ == nullptr) return false;
    std::size_t hash = cref.find('#');
    if (hash == std::string_view::npos) return false;
    std::string target(cref.substr(hash + 1));
    std::string target_path;
    std::vector<El> children;
    for (const json::Value& v : base_->items()) {
      if (!v.is_object()) continue;
      El c = FromValue(v);
      if (c.id == target) target_path = c.path;
      if (!StartsWith(c.id, target + ".")) continue;
      if (c.id.find(':', target.size()) != std::string::npos) continue;
      c.id = els[at].id + c.id.substr(target.size());
      if (!target_path.empty() && StartsWith(c.path, target_path)) {
        c.path = els[at].path + c.path.substr(target_path.size());
      }
      c.Set("id", json::Value::String(c.id));
      c.Set("path", json::Value::String(c.path));
      children.push_back(std::move(c));
    }
    if (children.empty()) return false;
    els[at].Erase("contentReference");
    els.insert(els.begin() + static_cast<std::ptrdiff_t>(at) + 1, children.begin(), children.end());
    return true;
  }

  // "valueQuantity" for a "value[x]" element: that element, restricted to the named type.
  std::optional<std::size_t> RenamedChoice(const std::string& parent_id, std::string_view name) {
    for (std::size_t cut = 1; cut < name.size(); ++cut) {
      if (name[cut] < 'A' || name[cut] > 'Z') continue;
      auto i = Find(parent_id + "." + std::string(name.substr(0, cut)) + "[x]");
      if (!i) continue;
      std::string_view suffix = name.substr(cut);
      const json::Value* types = els[*i].Get("type");
      if (types != nullptr && types->is_array()) {
        for (const json::Value& t : types->items()) {
          if (Capitalize(StringMember(t, "code")) != suffix) continue;
          els[*i].Set("type", json::Value::Array({t}));
          break;
        }
      }
      return i;
    }
    return std::nullopt;
  }

  static void AppendConstraints(El* e, const json::Value& add) {
    std::vector<json::Value> all;
    if (const json::Value* have = e->Get("constraint"); have != nullptr && have->is_array()) {
      all.assign(have->items().begin(), have->items().end());
    }
    for (const json::Value& c : add.items()) {
      bool dup = false;
      for (const json::Value& h : all) dup = dup || StringMember(h, "key") == StringMember(c, "key");
      if (!dup) all.push_back(c);
    }
    e->Set("constraint", json::Value::Array(std::move(all)));
  }

  const SnapshotSource& source_;
  IssueSink* issues_;

 public:
  const json::Value* base_ = nullptr;  // the base snapshot's element array
};

// Id of a differential element: its own, else derived from path and sliceName, with the slice
// context of earlier elements (children of a slice follow it).
std::string DiffId(const json::Value& d, std::map<std::string, std::string>* slices) {
  std::string path(StringMember(d, "path"));
  std::string_view slice = StringMember(d, "sliceName");
  std::string id(StringMember(d, "id"));
  if (id.empty()) {
    id = path;
    std::size_t best = 0;
    for (const auto& [p, sid] : *slices) {
      if (p.size() > best && StartsWith(path, p + ".")) {
        best = p.size();
        id = sid + path.substr(p.size());
      }
    }
    if (!slice.empty()) id += ":" + std::string(slice);
  }
  if (!slice.empty()) {
    (*slices)[path] = id;
  } else {
    slices->erase(path);
  }
  return id;
}

}  // namespace

Result<json::Value> GenerateSnapshot(const json::Value& sd, const SnapshotSource& snapshot_of,
                                     IssueSink* issues) {
  if (StringMember(sd, "resourceType") != "StructureDefinition") {
    return InvalidArgument("not a StructureDefinition");
  }
  const json::Value* diff = sd.Find("differential");
  const json::Value* diff_elements = diff != nullptr ? diff->Find("element") : nullptr;
  if (diff_elements == nullptr || !diff_elements->is_array()) {
    return InvalidArgument("StructureDefinition has no differential");
  }
  std::string_view base_url = StringMember(sd, "baseDefinition");
  const json::Value* base = base_url.empty() ? nullptr : snapshot_of(base_url);
  const json::Value* base_snap = base != nullptr ? base->Find("snapshot") : nullptr;
  const json::Value* base_elements = base_snap != nullptr ? base_snap->Find("element") : nullptr;
  if (base_elements == nullptr || !base_elements->is_array()) {
    return NotFound("the base " + std::string(base_url) + " has no snapshot");
  }
  if (StringMember(*base, "type") != StringMember(sd, "type")) {
    return InvalidArgument("snapshot generation needs the same type as the base");
  }
  Builder b(snapshot_of, issues);
  b.base_ = base_elements;
  for (const json::Value& e : base_elements->items()) {
    if (e.is_object()) b.els.push_back(FromValue(e));
  }
  std::map<std::string, std::string> slices;
  for (const json::Value& d : diff_elements->items()) {
    if (!d.is_object()) continue;
    std::string id = DiffId(d, &slices);
    auto at = b.Ensure(id);
    if (!at) {
      b.Unplaced(id);
      continue;
    }
    b.Merge(*at, d);
  }
  std::vector<json::Value> out;
  out.reserve(b.els.size());
  for (El& e : b.els) out.push_back(json::Value::Object(std::move(e.m)));
  std::vector<json::Member> members;
  for (const json::Member& m : sd.members()) {
    if (m.key != "snapshot") members.push_back(m);
  }
  std::vector<json::Member> snap;
  snap.push_back(json::Member{"element", json::Value::Array(std::move(out))});
  members.push_back(json::Member{"snapshot", json::Value::Object(std::move(snap))});
  return json::Value::Object(std::move(members));
}

}  // namespace gw::validation
