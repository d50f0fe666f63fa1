#include "gateway/app/ndjson_output_sink.h"

#include <filesystem>
#include <utility>

#include "gateway/core/json/write.h"
#include "gateway/core/validation/operation_outcome.h"

namespace gw::app {

Result<std::unique_ptr<NdjsonOutputSink>> NdjsonOutputSink::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) return IoError("cannot create " + dir);
  // Outputs of an earlier run would mix with this one's.
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".ndjson" || entry.path().filename() == "summary.json") {
      std::filesystem::remove(entry.path(), ec);
    }
  }
  auto sink = std::unique_ptr<NdjsonOutputSink>(new NdjsonOutputSink(dir));
  // rejects.ndjson always exists, empty when nothing was rejected.
  auto f = sink->FileFor("rejects.ndjson");
  if (!f.ok()) return f.status();
  return sink;
}

NdjsonOutputSink::~NdjsonOutputSink() { (void)Close(); }

Result<std::FILE*> NdjsonOutputSink::FileFor(const std::string& name) {
  auto it = files_.find(name);
  if (it != files_.end()) return it->second;
  const std::string path = dir_ + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IoError("cannot write " + path);
  std::setvbuf(f, nullptr, _IOFBF, 1u << 20);
  files_.emplace(name, f);
  return f;
}

Status NdjsonOutputSink::WriteLine(const std::string& name, std::string_view text) {
  auto f = FileFor(name);
  if (!f.ok()) return f.status();
  const bool ended = !text.empty() && text.back() == '\n';
  if (std::fwrite(text.data(), 1, text.size(), *f) != text.size() ||
      (!ended && std::fputc('\n', *f) == EOF)) {
    return IoError("cannot write " + dir_ + "/" + name);
  }
  return Status::Ok();
}

Status NdjsonOutputSink::Accept(std::string_view, std::uint32_t,
                                std::span<const mapping::MappedResource> resources) {
  for (const mapping::MappedResource& r : resources) {
    name_.assign(r.type).append(".ndjson");
    line_.clear();
    json::AppendJson(r.resource, &line_);
    line_.push_back('\n');
    GW_RETURN_IF_ERROR(WriteLine(name_, line_));
  }
  return Status::Ok();
}

Status NdjsonOutputSink::Reject(const ingest::RejectedRecord& record) {
  json::Value line = json::Value::Object(
      {{"file", json::Value::String(std::string(record.file))},
       {"line", json::Value::Number(std::to_string(record.line))},
       {"key", json::Value::String(record.key)},
       {"outcome", validation::ToOperationOutcome(record.issues)}});
  return WriteLine("rejects.ndjson", json::Write(line));
}

Status NdjsonOutputSink::Dropped(const ingest::DroppedField& field) {
  json::Value line = json::Value::Object(
      {{"file", json::Value::String(std::string(field.file))},
       {"line", json::Value::Number(std::to_string(field.line))},
       {"field", json::Value::String(std::string(field.field))},
       {"code", json::Value::String(std::string(field.code))}});
  return WriteLine("warnings.ndjson", json::Write(line));
}

Status NdjsonOutputSink::Close() {
  Status status;
  for (auto& [name, f] : files_) {
    if (std::fclose(f) != 0 && status.ok()) status = IoError("cannot write " + dir_ + "/" + name);
  }
  files_.clear();
  return status;
}

}  // namespace gw::app
