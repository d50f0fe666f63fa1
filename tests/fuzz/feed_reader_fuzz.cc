// libFuzzer target: arbitrary bytes through the CSV and NDJSON feed readers, once as a single
// chunk and once cut into random chunks (the cuts come from the input's first bytes). Both reads
// must give the same records and errors, every record must have one field per column, and the
// buffered bytes must stay within the limits. Tight limits exercise the limit paths.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/feeds/csv_reader.h"
#include "gateway/core/feeds/memory_chunk_source.h"
#include "gateway/core/feeds/ndjson_reader.h"
#include "gateway/core/json/write.h"

namespace {

using gw::feeds::ReadStep;

gw::feeds::FeedLimits Limits() {
  gw::feeds::FeedLimits limits;
  limits.max_record_bytes = 256;
  limits.max_fields = 16;
  limits.max_field_bytes = 64;
  return limits;
}

gw::json::ParseLimits JsonLimits() {
  gw::json::ParseLimits limits;
  limits.max_depth = 16;
  limits.max_nodes = 2000;
  limits.max_string_length = 128;
  return limits;
}

template <typename Reader, typename RecordText>
std::vector<std::string> Drain(Reader& reader, RecordText text) {
  std::vector<std::string> out;
  for (int guard = 0; guard < 1'000'000; ++guard) {
    auto step = reader.Next();
    if (!step.ok()) {
      out.push_back("S" + step.status().ToString() + std::string(reader.error().code));
      return out;
    }
    if (*step == ReadStep::kEnd) return out;
    if (*step == ReadStep::kError) {
      const auto& e = reader.error();
      out.push_back("E" + std::to_string(e.line) + std::string(e.code) + "|" + e.column + "|" +
                    e.cause);
    } else {
      out.push_back(text(reader));
    }
  }
  std::abort();  // a reader that never ends
}

std::vector<std::string> ReadCsv(gw::feeds::ChunkSource& source) {
  gw::feeds::CsvReader reader(source, Limits());
  auto out = Drain(reader, [](gw::feeds::CsvReader& r) {
    const auto& rec = r.record();
    if (r.header() == nullptr || rec.size() != r.header()->names.size()) std::abort();
    std::string s = "R" + std::to_string(rec.line());
    for (std::size_t i = 0; i < rec.size(); ++i) s.append("\x1f").append(rec.field(i));
    s += gw::json::Write(rec.ToJson());
    return s;
  });
  if (reader.buffered_high_water() > Limits().max_record_bytes) std::abort();
  return out;
}

std::vector<std::string> ReadNdjson(gw::feeds::ChunkSource& source) {
  gw::feeds::NdjsonReader reader(source, Limits(), JsonLimits());
  auto out = Drain(reader, [](gw::feeds::NdjsonReader& r) {
    if (!r.record().value.is_object()) std::abort();
    return "R" + std::to_string(r.record().line) + gw::json::Write(r.record().value);
  });
  if (reader.buffered_high_water() > Limits().max_record_bytes) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte chooses how many cut positions follow (two bytes each), the rest is the feed.
  const std::size_t cut_count = data[0] % 8;
  std::size_t header = 1 + 2 * cut_count;
  if (size < header) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + header), size - header);
  std::vector<std::size_t> cuts;
  std::size_t at = 0;
  for (std::size_t i = 0; i < cut_count; ++i) {
    at += (static_cast<std::size_t>(data[1 + 2 * i]) << 8 | data[2 + 2 * i]) % 97 + 1;
    cuts.push_back(at);
  }

  // Byte-at-a-time reads are slow under the sanitizers: only for short inputs.
  const bool bytewise = text.size() <= 512;
  gw::feeds::MemoryChunkSource csv_whole(text, text.size() + 1);
  gw::feeds::MemoryChunkSource csv_cut(text, cuts);
  gw::feeds::MemoryChunkSource csv_bytes(text, 1);
  auto csv = ReadCsv(csv_whole);
  if (ReadCsv(csv_cut) != csv) std::abort();
  if (bytewise && ReadCsv(csv_bytes) != csv) std::abort();

  gw::feeds::MemoryChunkSource nd_whole(text, text.size() + 1);
  gw::feeds::MemoryChunkSource nd_cut(text, cuts);
  gw::feeds::MemoryChunkSource nd_bytes(text, 1);
  auto nd = ReadNdjson(nd_whole);
  if (ReadNdjson(nd_cut) != nd) std::abort();
  if (bytewise && ReadNdjson(nd_bytes) != nd) std::abort();
  return 0;
}
