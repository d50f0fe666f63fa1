// Every constraint.expression in the R4 base StructureDefinitions compiles.
#define BOOST_TEST_MODULE fhirpath_constraints
#include <boost/test/unit_test.hpp>

#include <iostream>
#include <string>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/parse.h"
#include "gateway/shell/fs/file.h"
#include "tests/unit/fhirpath/test_model.h"

namespace gw::fhirpath {
namespace {

// Compiles the constraints of every element of every StructureDefinition in `bundle`.
void CompileConstraints(const json::Value& bundle, int* total, int* failed) {
  const json::Value* entries = bundle.Find("entry");
  if (entries == nullptr) return;
  CompileOptions options;
  options.model = testing::R4Model();
  for (const json::Value& e : entries->items()) {
    const json::Value* sd = e.Find("resource");
    if (sd == nullptr) continue;
    const json::Value* snapshot = sd->Find("snapshot");
    if (snapshot == nullptr || snapshot->Find("element") == nullptr) continue;
    for (const json::Value& el : snapshot->Find("element")->items()) {
      const json::Value* constraints = el.Find("constraint");
      if (constraints == nullptr) continue;
      for (const json::Value& c : constraints->items()) {
        const json::Value* expr = c.Find("expression");
        if (expr == nullptr || !expr->is_string()) continue;
        ++*total;
        auto r = Compile(expr->string_value(), options);
        if (!r.ok()) {
          ++*failed;
          std::cout << "FAIL " << el.Find("id")->string_value() << ": " << expr->string_value()
                    << " -- " << r.status().message() << "\n";
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(all_base_constraints_compile) {
  int total = 0, failed = 0;
  for (const char* name : {"profiles-types.json", "profiles-resources.json"}) {
    auto text = shell::ReadFile(std::string(GW_FHIR_R4_DIR) + "/" + name);
    if (!text.ok()) {
      std::cout << "GW_SKIPPED: R4 definitions not found: " << text.status().ToString() << "\n";
      return;
    }
    json::ParseLimits limits;
    limits.max_bytes = 128u << 20;
    auto bundle = json::Parse(*text, limits);
    BOOST_REQUIRE_MESSAGE(bundle.ok(), bundle.status().ToString());
    CompileConstraints(*bundle, &total, &failed);
  }
  std::cout << "constraints compiled: " << (total - failed) << "/" << total << "\n";
  BOOST_CHECK_GT(total, 1000);
  BOOST_CHECK_EQUAL(failed, 0);
}

}  // namespace
}  // namespace gw::fhirpath
