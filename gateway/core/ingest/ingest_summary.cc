#include "gateway/core/ingest/ingest_summary.h"

#include <utility>
#include <vector>

namespace gw::ingest {
namespace {

json::Value Count(std::uint64_t n) { return json::Value::Number(std::to_string(n)); }

json::Value Counts(const std::map<std::string, std::uint64_t>& m) {
  std::vector<json::Member> out;
  for (const auto& [k, v] : m) out.push_back({k, Count(v)});
  return json::Value::Object(std::move(out));
}

}  // namespace

std::uint64_t IngestSummary::records_read() const {
  std::uint64_t n = 0;
  for (const auto& [name, c] : feeds) n += c.read;
  return n;
}

json::Value IngestSummary::ToJson() const {
  std::vector<json::Member> feed_members;
  for (const auto& [name, c] : feeds) {
    feed_members.push_back(
        {name, json::Value::Object({{"read", Count(c.read)},
                                    {"mapped", Count(c.mapped)},
                                    {"rejected", Count(c.rejected)},
                                    {"warnings", Count(c.warnings)}})});
  }
  return json::Value::Object({{"feeds", json::Value::Object(std::move(feed_members))},
                              {"written", Counts(written)},
                              {"rejectCodes", Counts(reject_codes)},
                              {"droppedFields", Counts(dropped)}});
}

}  // namespace gw::ingest
