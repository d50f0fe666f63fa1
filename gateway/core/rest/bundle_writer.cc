#include "gateway/core/rest/bundle_writer.h"

#include "gateway/core/json/write.h"

namespace gw::rest {
namespace {

void Member(std::string_view key, std::string_view value, std::string* out, bool* first) {
  if (!*first) out->push_back(',');
  *first = false;
  json::AppendEscapedString(key, out);
  out->push_back(':');
  json::AppendEscapedString(value, out);
}

}  // namespace

BundleWriter::BundleWriter(std::string_view type, std::string_view id,
                           std::string_view last_updated) {
  out_ = "{\"resourceType\":\"Bundle\",\"id\":";
  json::AppendEscapedString(id, &out_);
  out_ += ",\"meta\":{\"lastUpdated\":";
  json::AppendEscapedString(last_updated, &out_);
  out_ += "},\"type\":";
  json::AppendEscapedString(type, &out_);
}

void BundleWriter::Total(std::int64_t total) {
  out_ += ",\"total\":" + std::to_string(total);
}

void BundleWriter::Link(std::string_view relation, std::string_view url) {
  if (part_ == Part::kHead) {
    out_ += ",\"link\":[";
    part_ = Part::kLinks;
  } else {
    out_ += ',';
  }
  bool first = true;
  out_ += '{';
  Member("relation", relation, &out_, &first);
  Member("url", url, &out_, &first);
  out_ += '}';
}

void BundleWriter::CloseLinks() {
  if (part_ == Part::kLinks) out_ += ']';
}

void BundleWriter::Entry(const BundleEntryText& e) {
  if (part_ != Part::kEntries) {
    CloseLinks();
    out_ += ",\"entry\":[";
    part_ = Part::kEntries;
  } else {
    out_ += ',';
  }
  bool first = true;
  out_ += '{';
  if (!e.full_url.empty()) Member("fullUrl", e.full_url, &out_, &first);
  if (!e.resource_json.empty()) {
    if (!first) out_ += ',';
    first = false;
    out_ += "\"resource\":";
    out_ += e.resource_json;
  }
  if (!e.search_mode.empty()) {
    if (!first) out_ += ',';
    first = false;
    out_ += "\"search\":{\"mode\":";
    json::AppendEscapedString(e.search_mode, &out_);
    out_ += '}';
  }
  if (!e.request_method.empty()) {
    if (!first) out_ += ',';
    first = false;
    bool f = true;
    out_ += "\"request\":{";
    Member("method", e.request_method, &out_, &f);
    Member("url", e.request_url, &out_, &f);
    out_ += '}';
  }
  if (!e.response_status.empty()) {
    if (!first) out_ += ',';
    first = false;
    bool f = true;
    out_ += "\"response\":{";
    Member("status", e.response_status, &out_, &f);
    if (!e.response_location.empty()) Member("location", e.response_location, &out_, &f);
    if (!e.response_etag.empty()) Member("etag", e.response_etag, &out_, &f);
    if (!e.response_last_modified.empty()) {
      Member("lastModified", e.response_last_modified, &out_, &f);
    }
    if (!e.response_outcome_json.empty()) {
      out_ += ",\"outcome\":";
      out_ += e.response_outcome_json;
    }
    out_ += '}';
  }
  out_ += '}';
}

std::string BundleWriter::Finish() {
  if (part_ == Part::kEntries) {
    out_ += ']';
  } else {
    CloseLinks();
  }
  out_ += '}';
  return std::move(out_);
}

}  // namespace gw::rest
