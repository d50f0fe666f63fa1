// Subcommands of the fhir-gateway executable. Each takes the arguments after its name
// (argv[0] is the subcommand name) and returns the process exit code:
// 0 success, 1 the input is invalid / the expression failed, 2 usage or system error
// (with a one-line reason on stderr).
#pragma once

namespace gw::app {

int RunParseCommand(int argc, char** argv);
int RunFhirpathCommand(int argc, char** argv);
int RunValidateCommand(int argc, char** argv);
int RunServeCommand(int argc, char** argv);
int RunSynthCommand(int argc, char** argv);
int RunMapCommand(int argc, char** argv);
int RunLoadCommand(int argc, char** argv);

}  // namespace gw::app
