// fhir-gateway synth: writes deterministic synthetic feeds of the plan into a folder.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "gateway/app/commands.h"
#include "gateway/core/synth/generator.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway synth --members N --seed S --out DIR [--malformed-rate R]\n\n"
    "Writes synthetic feeds in the formats of the plan's internal feeds: DIR/members.csv,\n"
    "eligibility.csv, providers.csv, care_management.ndjson, prior_auth.ndjson, and\n"
    "DIR/malformed.json listing every record spoiled on purpose (file, line, kind, key).\n"
    "The same arguments give byte-identical files on any machine. DIR is created if needed;\n"
    "existing feed files in it are replaced.\n\n"
    "Options:\n"
    "  --members N          number of members, 1 to 10000000\n"
    "  --seed S             unsigned 64-bit seed\n"
    "  --out DIR            output folder\n"
    "  --malformed-rate R   share of records spoiled, 0 to 1 (default 0.001; 0 = clean set)\n\n"
    "Exit codes: 0 success, 2 usage or I/O error.\n";

constexpr std::size_t kBufferBytes = 1u << 20;

bool ParseUnsigned(std::string_view s, std::uint64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// A decimal in [0, 1] such as 0, 0.001, 1 (no exponent, no sign).
bool ParseRate(std::string_view s, double* out) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 0.0 && *out <= 1.0;
}

class FileSink : public synth::FeedSink {
 public:
  ~FileSink() override {
    for (std::FILE* f : files_) {
      if (f != nullptr) std::fclose(f);
    }
  }

  bool Open(const std::filesystem::path& dir, std::string* error) {
    for (int i = 0; i < synth::kFeedCount; ++i) {
      const std::filesystem::path path =
          dir / std::string(synth::FeedFileName(static_cast<synth::Feed>(i)));
      files_[i] = std::fopen(path.c_str(), "wb");
      if (files_[i] == nullptr) {
        *error = "cannot create " + path.string();
        return false;
      }
      buffers_[i] = std::make_unique<char[]>(kBufferBytes);
      std::setvbuf(files_[i], buffers_[i].get(), _IOFBF, kBufferBytes);
    }
    return true;
  }

  bool Append(synth::Feed feed, std::string_view text) override {
    std::FILE* f = files_[static_cast<int>(feed)];
    return std::fwrite(text.data(), 1, text.size(), f) == text.size();
  }

  bool Close() {
    bool ok = true;
    for (std::FILE*& f : files_) {
      if (f != nullptr && std::fclose(f) != 0) ok = false;
      f = nullptr;
    }
    return ok;
  }

 private:
  std::FILE* files_[synth::kFeedCount] = {};
  std::unique_ptr<char[]> buffers_[synth::kFeedCount];
};

int Fail(const std::string& reason) {
  std::cerr << "fhir-gateway synth: " << reason << "\n";
  return 2;
}

}  // namespace

int RunSynthCommand(int argc, char** argv) {
  synth::SynthOptions options;
  bool have_members = false, have_seed = false;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (a != "--members" && a != "--seed" && a != "--out" && a != "--malformed-rate") {
      return Fail("unknown argument " + std::string(a) + " (see --help)");
    }
    if (i + 1 >= argc) return Fail(std::string(a) + " needs a value");
    std::string_view v = argv[++i];
    if (a == "--members") {
      if (!ParseUnsigned(v, &options.members) || options.members == 0 ||
          options.members > 10'000'000) {
        return Fail("--members needs a number from 1 to 10000000");
      }
      have_members = true;
    } else if (a == "--seed") {
      if (!ParseUnsigned(v, &options.seed)) return Fail("--seed needs an unsigned 64-bit number");
      have_seed = true;
    } else if (a == "--out") {
      out = std::string(v);
    } else {
      if (!ParseRate(v, &options.malformed_rate)) {
        return Fail("--malformed-rate needs a decimal from 0 to 1");
      }
      options.malformed_rate_text = std::string(v);
    }
  }
  if (!have_members || !have_seed || out.empty()) {
    return Fail("--members, --seed and --out are required (see --help)");
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec || !std::filesystem::is_directory(out)) return Fail("cannot create folder " + out);
  FileSink sink;
  std::string error;
  if (!sink.Open(out, &error)) return Fail(error);
  auto summary = synth::GenerateFeeds(options, sink);
  const bool closed = sink.Close();
  if (!summary.ok()) return Fail(summary.status().message());
  if (!closed) return Fail("cannot finish writing the files in " + out);
  std::cout << "synth: " << summary->members << " members (" << summary->families << " families), "
            << summary->eligibility_spans << " eligibility spans, " << summary->providers
            << " providers, " << summary->care_cases << " care-management cases, "
            << summary->prior_auth_cases << " prior-auth cases, " << summary->malformed
            << " malformed records\n";
  return 0;
}

}  // namespace gw::app
