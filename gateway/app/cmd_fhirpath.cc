// `fhir-gateway fhirpath`: evaluates FHIRPath expressions over a resource file.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "gateway/app/commands.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/fhirpath/result_json.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw::app {
namespace {

constexpr const char* kUsage =
    "usage: fhir-gateway fhirpath [--resource FILE] [--definitions DIR] [--no-model] EXPR\n"
    "       fhir-gateway fhirpath [--resource FILE] [--definitions DIR] [--no-model] --batch\n"
    "\n"
    "Evaluates a FHIRPath expression over a FHIR JSON resource and prints the result as a JSON\n"
    "array of {\"type\":...,\"value\":...}. With --batch, reads one expression per line on\n"
    "stdin and writes one JSON line each: {\"ok\":true,\"result\":[...]} or\n"
    "{\"ok\":false,\"error\":\"...\"}.\n"
    "\n"
    "  --resource FILE     the input resource (%resource, %context); omitted: empty input\n"
    "  --definitions DIR   folder with the R4 profiles-types.json and profiles-resources.json\n"
    "                      (default: $GW_FHIR_R4_DIR or the build's definitions folder); the\n"
    "                      type model gives FHIR types to every node (is/as/ofType)\n"
    "  --no-model          do not load the type model (lenient navigation)\n"
    "\n"
    "Exit status: 0 success, 1 invalid resource or expression, 2 usage or system error.\n";

struct Options {
  std::string resource_path;
  std::string definitions;
  bool no_model = false;
  bool batch = false;
  std::string expression;
  bool have_expression = false;
};

int Usage(const std::string& why) {
  std::cerr << "fhirpath: " << why << "\n" << "try 'fhir-gateway fhirpath --help'\n";
  return 2;
}

// Returns -1 when parsing succeeded, else the exit code.
int ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--resource") {
      if (!value(&o->resource_path)) return Usage("--resource needs a file");
    } else if (a == "--definitions") {
      if (!value(&o->definitions)) return Usage("--definitions needs a folder");
    } else if (a == "--no-model") {
      o->no_model = true;
    } else if (a == "--batch") {
      o->batch = true;
    } else if (a == "--" && i + 1 < argc && !o->have_expression) {
      o->expression = argv[++i];
      o->have_expression = true;
    } else if (!a.empty() && a[0] == '-' && a.size() > 1 && !o->have_expression &&
               a.rfind("--", 0) == 0) {
      return Usage("unknown option " + a);
    } else if (!o->have_expression) {
      o->expression = a;
      o->have_expression = true;
    } else {
      return Usage("more than one expression given");
    }
  }
  if (o->batch == o->have_expression) {
    return Usage(o->batch ? "--batch takes expressions on stdin, not as an argument"
                          : "missing expression");
  }
  return -1;
}

std::string DefinitionsDir(const Options& o) {
  if (!o.definitions.empty()) return o.definitions;
  if (const char* env = std::getenv("GW_FHIR_R4_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef GW_FHIR_R4_DIR
  return GW_FHIR_R4_DIR;
#else
  return "";
#endif
}

fhirpath::Temporal Now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  fhirpath::Temporal t;
  t.kind = fhirpath::TemporalKind::kDateTime;
  t.precision = fhirpath::Precision::kMillisecond;
  t.year = tm.tm_year + 1900;
  t.month = tm.tm_mon + 1;
  t.day = tm.tm_mday;
  t.hour = tm.tm_hour;
  t.minute = tm.tm_min;
  t.second = tm.tm_sec;
  t.millisecond = static_cast<int>(ms % 1000);
  t.tz_offset_minutes = 0;
  return t;
}

Result<fhirpath::Collection> Run(const std::string& text, const fhirpath::CompileOptions& co,
                                 const fhirpath::EvalContext& ctx) {
  auto expr = fhirpath::Compile(text, co);
  if (!expr.ok()) return expr.status();
  return fhirpath::Evaluate(**expr, ctx);
}

int RunBatch(const fhirpath::CompileOptions& co, const fhirpath::EvalContext& ctx) {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto r = Run(line, co, ctx);
    std::string out;
    if (r.ok()) {
      out = "{\"ok\":true,\"result\":" + fhirpath::ResultToJson(*r) + "}";
    } else {
      out = "{\"ok\":false,\"error\":";
      json::AppendEscapedString(r.status().message(), &out);
      out += "}";
    }
    std::cout << out << "\n";
  }
  std::cout.flush();
  return std::cout.good() ? 0 : 2;
}

}  // namespace

int RunFhirpathCommand(int argc, char** argv) {
  Options o;
  if (int rc = ParseArgs(argc, argv, &o); rc >= 0) return rc;

  json::Value resource;
  bool have_resource = !o.resource_path.empty();
  if (have_resource) {
    auto text = shell::ReadFile(o.resource_path);
    if (!text.ok()) {
      std::cerr << "fhirpath: " << text.status().message() << "\n";
      return 2;
    }
    auto parsed = json::Parse(*text);
    if (!parsed.ok()) {
      std::cerr << "fhirpath: " << o.resource_path << ": " << parsed.status().message() << "\n";
      return 1;
    }
    resource = std::move(parsed).value();
  }

  std::shared_ptr<const model::R4TypeModel> model;
  std::string dir = o.no_model ? "" : DefinitionsDir(o);
  if (!dir.empty() && shell::PathExists(dir + "/profiles-types.json")) {
    auto m = shell::LoadR4TypeModel(dir);
    if (!m.ok()) {
      std::cerr << "fhirpath: cannot load the type model: " << m.status().message() << "\n";
      return 2;
    }
    model = *m;
  } else if (!o.definitions.empty()) {
    std::cerr << "fhirpath: no R4 definitions in " << o.definitions << "\n";
    return 2;
  }

  fhirpath::CompileOptions co;
  co.model = model.get();
  fhirpath::EvalContext ctx;
  if (have_resource) {
    ctx = fhirpath::ContextFor(resource, model.get());
    co.context_type = std::string(fhirpath::ResourceTypeOf(resource));
  }
  ctx.model = model.get();
  ctx.now = Now();

  if (o.batch) return RunBatch(co, ctx);
  auto r = Run(o.expression, co, ctx);
  if (!r.ok()) {
    std::cerr << "fhirpath: " << r.status().message() << "\n";
    return 1;
  }
  std::cout << fhirpath::ResultToJson(*r) << "\n";
  return 0;
}

}  // namespace gw::app
