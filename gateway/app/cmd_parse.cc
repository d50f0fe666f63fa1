// fhir-gateway parse: checks files against the FHIR JSON rules and the parser's limits.
#include <charconv>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "gateway/app/commands.h"
#include "gateway/core/json/parse.h"
#include "gateway/shell/fs/file.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway parse [OPTIONS] FILE...\n\n"
    "Checks that each FILE ('-' for standard input) is well-formed FHIR JSON: RFC 8259 syntax,\n"
    "valid UTF-8, no duplicate keys, and within the limits below. Prints one line per file.\n\n"
    "Options:\n"
    "  --max-bytes N     largest document accepted (default 67108864)\n"
    "  --max-depth N     deepest nesting accepted (default 64)\n"
    "  --max-string N    longest string accepted, in bytes (default 16777216)\n"
    "  --max-array N     most items in one array (default 1000000)\n"
    "  --max-nodes N     most values in one document (default 10000000)\n\n"
    "Exit codes: 0 all files well-formed, 1 a file is not, 2 usage or I/O error.\n";

bool ParseSize(const char* text, std::size_t* out) {
  std::string_view s(text);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out > 0;
}

}  // namespace

int RunParseCommand(int argc, char** argv) {
  json::ParseLimits limits;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    std::size_t* target = nullptr;
    if (a == "--max-bytes") target = &limits.max_bytes;
    if (a == "--max-depth") target = &limits.max_depth;
    if (a == "--max-string") target = &limits.max_string_length;
    if (a == "--max-array") target = &limits.max_array_length;
    if (a == "--max-nodes") target = &limits.max_nodes;
    if (target != nullptr) {
      if (i + 1 >= argc || !ParseSize(argv[i + 1], target)) {
        std::cerr << "fhir-gateway parse: " << a << " needs a positive number\n";
        return 2;
      }
      ++i;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::cerr << "fhir-gateway parse: unknown option " << a << " (see --help)\n";
      return 2;
    }
    files.emplace_back(a);
  }
  if (files.empty()) {
    std::cerr << "fhir-gateway parse: no FILE given (see --help)\n";
    return 2;
  }
  int exit_code = 0;
  for (const std::string& file : files) {
    std::string text;
    if (file == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      auto data = shell::ReadFile(file, limits.max_bytes + 1);
      if (!data.ok() && data.status().code() != StatusCode::kResourceExhausted) {
        std::cerr << "fhir-gateway parse: " << data.status().message() << "\n";
        return 2;
      }
      if (!data.ok()) {
        std::cout << file << ": json-too-large: over the limit of " << limits.max_bytes
                  << " bytes\n";
        exit_code = 1;
        continue;
      }
      text = std::move(*data);
    }
    auto v = json::Parse(text, limits);
    if (v.ok()) {
      std::cout << file << ": ok\n";
    } else {
      std::cout << file << ": " << v.status().message() << "\n";
      exit_code = 1;
    }
  }
  if (exit_code != 0) std::cerr << "fhir-gateway parse: some input is not well-formed FHIR JSON\n";
  return exit_code;
}

}  // namespace gw::app
