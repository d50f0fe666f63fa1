#include "gateway/app/store_ingest_sink.h"

#include <algorithm>
#include <utility>

#include "gateway/core/json/parse.h"

namespace gw::app {
namespace {

// `v` with object members sorted by key (recursively) and, at the top level, meta.versionId
// and meta.lastUpdated left out (and meta itself when nothing else is in it).
json::Value Canonical(const json::Value& v, bool top) {
  if (v.is_array()) {
    std::vector<json::Value> items;
    for (const json::Value& i : v.items()) items.push_back(Canonical(i, false));
    return json::Value::Array(std::move(items));
  }
  if (!v.is_object()) {
    json::Value copy = v;
    copy.set_line(0);
    return copy;
  }
  std::vector<json::Member> members;
  for (const json::Member& m : v.members()) {
    if (top && m.key == "meta") {
      std::vector<json::Member> meta;
      for (const json::Member& mm : m.value.members()) {
        if (mm.key == "versionId" || mm.key == "lastUpdated") continue;
        meta.push_back({mm.key, Canonical(mm.value, false)});
      }
      if (meta.empty()) continue;
      std::sort(meta.begin(), meta.end(),
                [](const json::Member& a, const json::Member& b) { return a.key < b.key; });
      members.push_back({"meta", json::Value::Object(std::move(meta))});
      continue;
    }
    members.push_back({m.key, Canonical(m.value, false)});
  }
  std::sort(members.begin(), members.end(),
            [](const json::Member& a, const json::Member& b) { return a.key < b.key; });
  return json::Value::Object(std::move(members));
}

}  // namespace

bool SameResource(std::string_view stored_json, const json::Value& resource) {
  auto stored = json::Parse(stored_json);
  if (!stored.ok()) return false;
  return Canonical(*stored, true) == Canonical(resource, true);
}

Status StoreIngestSink::Accept(std::string_view, std::uint32_t,
                               std::span<const mapping::MappedResource> resources) {
  pending_.insert(pending_.end(), resources.begin(), resources.end());
  if (++pending_records_ >= batch_records_) return Flush();
  return Status::Ok();
}

Status StoreIngestSink::Reject(const ingest::RejectedRecord& record) {
  return rejects_ != nullptr ? rejects_->Reject(record) : Status::Ok();
}

Status StoreIngestSink::Dropped(const ingest::DroppedField& field) {
  return rejects_ != nullptr ? rejects_->Dropped(field) : Status::Ok();
}

Status StoreIngestSink::Flush() {
  std::vector<ports::WriteOp> ops;
  for (const mapping::MappedResource& r : pending_) {
    const json::Value* id = r.resource.Find("id");
    const std::string id_text = id != nullptr && id->is_string() ? std::string(id->string_value()) : "";
    auto current = store_.Read(r.type, id_text);
    if (current.ok() && !current->deleted && SameResource(current->json, r.resource)) {
      ++counts_.unchanged;
      continue;
    }
    if (!current.ok() && current.status().code() != StatusCode::kNotFound) return current.status();
    ports::UpdateRequest u;
    u.resource = &r.resource;
    u.resource_type = r.type;
    u.id = id_text;
    u.allow_create = true;
    ops.emplace_back(std::move(u));
  }
  if (!ops.empty()) {
    auto tx = store_.Transaction(ops);
    if (!tx.ok()) return tx.status();
    if (!tx->committed) return Internal("a load transaction was not committed");
    ++counts_.transactions;
    for (const ports::WriteResult& w : tx->results) {
      if (w.outcome == ports::WriteOutcome::kCreated) ++counts_.created;
      else ++counts_.updated;
    }
  }
  pending_.clear();
  pending_records_ = 0;
  return Status::Ok();
}

}  // namespace gw::app
