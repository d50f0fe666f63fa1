// fhir-gateway: the single executable of the gateway; each job is a subcommand.
#include <cstring>
#include <iostream>
#include <string_view>

#include "gateway/app/commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"parse", gw::app::RunParseCommand, "check that files are well-formed FHIR JSON"},
#ifdef GW_HAVE_FHIRPATH
    {"fhirpath", gw::app::RunFhirpathCommand, "evaluate FHIRPath expressions against a resource"},
#endif
#ifdef GW_HAVE_VALIDATION
    {"validate", gw::app::RunValidateCommand, "validate resources against FHIR profiles"},
#endif
    {"serve", gw::app::RunServeCommand, "run the HTTPS server from a JSON config file"},
#ifdef GW_HAVE_SYNTH
    {"synth", gw::app::RunSynthCommand, "write deterministic synthetic internal feeds"},
#endif
#ifdef GW_HAVE_INGEST
    {"map", gw::app::RunMapCommand, "map the internal feeds to validated FHIR NDJSON files"},
    {"load", gw::app::RunLoadCommand, "map the internal feeds into the resource store"},
#endif
};

void PrintHelp(std::ostream& out) {
  out << "usage: fhir-gateway COMMAND [ARGS]\n\n"
         "The FHIR R4 interoperability gateway of the plan.\n\nCommands:\n";
  for (const Command& c : kCommands) {
    out << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary << "\n";
  }
  out << "\n'fhir-gateway COMMAND --help' explains one command.\n"
         "Exit codes: 0 success, 1 invalid input or failed expression, 2 usage or system error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(std::cerr);
    return 2;
  }
  std::string_view sub = argv[1];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    PrintHelp(std::cout);
    return 0;
  }
  if (sub == "--version") {
    std::cout << "fhir-gateway 0.1.0\n";
    return 0;
  }
  for (const Command& c : kCommands) {
    if (sub == c.name) {
      try {
        return c.run(argc - 1, argv + 1);
      } catch (const std::exception& e) {
        std::cerr << "fhir-gateway " << c.name << ": internal error: " << e.what() << "\n";
        return 2;
      }
    }
  }
  std::cerr << "fhir-gateway: unknown command '" << sub << "' (see fhir-gateway --help)\n";
  return 2;
}
