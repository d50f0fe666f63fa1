#define BOOST_TEST_MODULE conformance_store_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/conformance/conformance_store.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw {
std::ostream& operator<<(std::ostream& os, StatusCode c) { return os << StatusCodeName(c); }
}  // namespace gw

namespace gw::conformance {
namespace {

const std::string kR4 = GW_FHIR_R4_DIR;
const std::string kUsCore = std::string(GW_SHARED_DIR) + "/corpora/us-core/packages/";
const std::string kPasTgz =
    std::string(GW_SHARED_DIR) +
    "/corpora/davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz";
const std::string kPatientProfile =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";

bool CorporaPresent() {
  return shell::PathExists(kR4 + "/profiles-resources.json") && shell::PathExists(kPasTgz) &&
         shell::PathExists(kUsCore + "hl7.fhir.us.core-7.0.0.tgz");
}

#define SKIP_WITHOUT_CORPORA()                                             \
  if (!CorporaPresent()) {                                                 \
    std::cout << "GW_SKIPPED: R4 definitions or package corpora absent\n"; \
    return;                                                                \
  }

struct Loaded {
  shell::LoadedDefinitions defs;
  IssueList issues;
};

// Base R4 + US Core 3.1.1, 6.1.0, 7.0.0 + PAS 2.2.1, loaded once.
const Loaded& Full() {
  static Loaded* loaded = [] {
    auto* l = new Loaded();
    shell::DefinitionSources sources;
    sources.r4_dir = kR4;
    sources.packages = {kPasTgz, kUsCore + "hl7.fhir.us.core-7.0.0.tgz",
                        kUsCore + "hl7.fhir.us.core-3.1.1.tgz",
                        kUsCore + "hl7.fhir.us.core-6.1.0.tgz"};
    auto r = shell::LoadDefinitions(sources, &l->issues);
    BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
    l->defs = std::move(r).value();
    return l;
  }();
  return *loaded;
}

std::string_view VersionOf(const json::Value* v) {
  if (v == nullptr) return "<null>";
  const json::Value* version = v->Find("version");
  return version != nullptr && version->is_string() ? version->string_value() : "";
}

bool HasIssue(const IssueList& issues, std::string_view code, std::string_view location,
              std::string_view message_part = {}) {
  return std::any_of(issues.issues().begin(), issues.issues().end(), [&](const Issue& i) {
    return i.code == code && i.location == location &&
           i.message.find(message_part) != std::string::npos;
  });
}

// ---- hermetic cases on small in-memory packages ----

PackageFile Sd(const std::string& url, const std::string& version, const std::string& base = "") {
  std::string text = R"({"resourceType": "StructureDefinition", "url": ")" + url +
                     R"(", "version": ")" + version + R"(", "kind": "resource", "type": "Patient")";
  if (!base.empty()) text += R"(, "baseDefinition": ")" + base + "\"";
  text += "}";
  return PackageFile{"package/StructureDefinition-" +
                         std::to_string(std::hash<std::string>{}(url + version)) + ".json",
                     text};
}

FhirPackage Pkg(const std::string& name, const std::string& version,
                std::vector<PackageDependency> deps, std::vector<PackageFile> files) {
  FhirPackage p;
  p.manifest.name = name;
  p.manifest.version = version;
  p.manifest.dependencies = std::move(deps);
  p.resources = std::move(files);
  return p;
}

BOOST_AUTO_TEST_CASE(OwnResourcesWinOverDependencies) {
  ConformanceStoreBuilder b;
  IssueList issues;
  // "base" has the higher version, but "derived" depends on it, so derived's copy wins.
  BOOST_TEST(b.AddPackage(Pkg("derived", "1.0.0", {{"base", "2.0.0"}},
                              {Sd("http://x/sd/shared", "0.5.0", "http://x/sd/only-base")}),
                          &issues)
                 .ok());
  BOOST_TEST(
      b.AddPackage(Pkg("base", "2.0.0", {{"missing.pkg", "1.0.0"}},
                       {Sd("http://x/sd/shared", "2.0.0"), Sd("http://x/sd/only-base", "2.0.0")}),
                   &issues)
          .ok());
  BOOST_TEST(b.AddPackage(Pkg("base", "2.0.0", {}, {}), &issues).code() ==
             StatusCode::kFailedPrecondition);
  auto store = b.Build(&issues);
  BOOST_TEST_REQUIRE(store.ok());
  const ConformanceStore& s = **store;
  BOOST_TEST(VersionOf(s.Resolve("http://x/sd/shared")) == "0.5.0");
  BOOST_TEST(VersionOf(s.Resolve("http://x/sd/shared|2.0.0")) == "2.0.0");
  BOOST_TEST(VersionOf(s.Resolve("http://x/sd/shared", "2.0")) == "2.0.0");
  BOOST_TEST(s.Resolve("http://x/sd/shared|3.0.0") == nullptr);
  BOOST_TEST(s.Resolve("http://x/sd/none") == nullptr);
  BOOST_TEST(s.FindAll("http://x/sd/shared").size() == 2u);
  // From base's point of view, its own copy wins.
  auto base = s.FindPackage("base");
  BOOST_TEST_REQUIRE(base.has_value());
  BOOST_TEST(VersionOf(s.ResolveFrom("http://x/sd/shared", *base)) == "2.0.0");
  BOOST_TEST(HasIssue(issues, "conformance-missing-dependency", "base#2.0.0", "missing.pkg#1.0.0"));
  BOOST_TEST(s.FindUnresolvedCanonicals().empty());
  // The port interface.
  const ports::CanonicalResolver& resolver = s;
  BOOST_TEST(resolver.Resolve("http://x/sd/only-base") != nullptr);
}

BOOST_AUTO_TEST_CASE(InvalidResourcesAreIssues) {
  ConformanceStoreBuilder b;
  IssueList issues;
  FhirPackage p = Pkg(
      "p", "1.0.0", {},
      {PackageFile{"package/bad.json", "{\"url\": "},
       PackageFile{"package/dup.json", R"({"a": 1, "a": 2})"},
       PackageFile{"package/Patient-x.json", R"({"resourceType": "Patient", "url": "http://x/p"})"},
       PackageFile{"package/ValueSet-nourl.json", R"({"resourceType": "ValueSet"})"},
       PackageFile{"package/ValueSet-a.json",
                   R"({"resourceType": "ValueSet", "url": "http://x/vs", "version": "1"})"}});
  BOOST_TEST(b.AddPackage(std::move(p), &issues).ok());
  BOOST_TEST(b.AddCoreBundle("[1, 2]", "bad-bundle.json", &issues).code() ==
             StatusCode::kInvalidArgument);
  auto store = b.Build(&issues);
  BOOST_TEST_REQUIRE(store.ok());
  BOOST_TEST((*store)->size() == 1u);  // only the ValueSet with a url
  BOOST_TEST(HasIssue(issues, "conformance-invalid-resource", "package/bad.json"));
  BOOST_TEST(HasIssue(issues, "conformance-invalid-resource", "package/dup.json"));
  const json::Value* vs = (*store)->Resolve("http://x/vs|1");
  BOOST_TEST_REQUIRE(vs != nullptr);
  BOOST_TEST(vs->Find("resourceType")->string_value() == "ValueSet");
  BOOST_TEST(b.Build(nullptr).status().code() == StatusCode::kFailedPrecondition);
}

// ---- the real definitions and packages ----

BOOST_AUTO_TEST_CASE(CoreCanonicals) {
  SKIP_WITHOUT_CORPORA();
  const ConformanceStore& s = *Full().defs.store;
  const char* kPatient = "http://hl7.org/fhir/StructureDefinition/Patient";
  const json::Value* patient = s.Resolve(kPatient);
  BOOST_TEST_REQUIRE(patient != nullptr);
  BOOST_TEST(VersionOf(patient) == "4.0.1");
  BOOST_TEST(s.Resolve(std::string(kPatient) + "|4.0.1") == patient);
  BOOST_TEST(s.Resolve(kPatient, "4.0.1") == patient);
  BOOST_TEST(s.Resolve(std::string(kPatient) + "|3.0.2") == nullptr);
  BOOST_TEST(s.Find(kPatient)->package == *s.FindPackage("hl7.fhir.r4.core"));
  BOOST_TEST(s.Find(kPatient)->sd_kind == "resource");
  // Lazily kept kinds resolve too.
  for (const char* url : {"http://hl7.org/fhir/ValueSet/administrative-gender",
                          "http://hl7.org/fhir/administrative-gender",
                          "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                          "http://terminology.hl7.org/CodeSystem/v2-0203",
                          "http://hl7.org/fhir/SearchParameter/individual-birthdate",
                          "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
                          "http://hl7.org/fhir/OperationDefinition/ValueSet-expand"}) {
    BOOST_TEST(s.Resolve(url) != nullptr, url);
  }
  BOOST_TEST(s.Find("http://hl7.org/fhir/ValueSet/administrative-gender", "CodeSystem") == nullptr);
  BOOST_TEST(s.All("StructureDefinition").size() > 800u);
  BOOST_TEST(s.All("SearchParameter").size() > 1300u);
}

BOOST_AUTO_TEST_CASE(UsCoreVersionsSideBySide) {
  SKIP_WITHOUT_CORPORA();
  const ConformanceStore& s = *Full().defs.store;
  BOOST_TEST(s.FindAll(kPatientProfile).size() == 3u);
  BOOST_TEST(VersionOf(s.Resolve(kPatientProfile + "|3.1.1")) == "3.1.1");
  BOOST_TEST(VersionOf(s.Resolve(kPatientProfile + "|6.1.0")) == "6.1.0");
  BOOST_TEST(VersionOf(s.Resolve(kPatientProfile + "|7.0.0")) == "7.0.0");
  BOOST_TEST(VersionOf(s.Resolve(kPatientProfile + "|6.1")) == "6.1.0");
  BOOST_TEST(VersionOf(s.Resolve(kPatientProfile)) == "7.0.0");  // the latest
  auto v311 = s.FindPackage("hl7.fhir.us.core", "3.1.1");
  BOOST_TEST_REQUIRE(v311.has_value());
  BOOST_TEST(VersionOf(s.ResolveFrom(kPatientProfile, *v311)) == "3.1.1");
  BOOST_TEST(*s.FindPackage("hl7.fhir.us.core") == *s.FindPackage("hl7.fhir.us.core", "7.0.0"));
  // US Core 3.1.1's resources see the core R4 definitions they depend on.
  BOOST_TEST(s.ResolveFrom("http://hl7.org/fhir/StructureDefinition/Patient", *v311) != nullptr);
  // A profile only in 3.1.1 (removed later) still resolves unversioned.
  const char* kPediatricBmi =
      "http://hl7.org/fhir/us/core/StructureDefinition/pediatric-bmi-for-age";
  BOOST_TEST(s.FindAll(kPediatricBmi).size() >= 1u);
}

BOOST_AUTO_TEST_CASE(PasDependsOnLoadedPackages) {
  SKIP_WITHOUT_CORPORA();
  const Loaded& full = Full();
  const ConformanceStore& s = *full.defs.store;
  auto pas = s.FindPackage("hl7.fhir.us.davinci-pas", "2.2.1");
  BOOST_TEST_REQUIRE(pas.has_value());
  const LoadedPackage& p = s.packages()[*pas];
  BOOST_TEST(p.resource_count == 111u);
  // r4 core, us.core.v311 (alias), us.core.v610 (alias), us.core 7.0.0.
  std::vector<std::string> deps;
  for (std::uint32_t d : p.dependencies) deps.push_back(s.packages()[d].manifest.Id());
  std::sort(deps.begin(), deps.end());
  BOOST_TEST(deps == (std::vector<std::string>{"hl7.fhir.r4.core#4.0.1", "hl7.fhir.us.core#3.1.1",
                                               "hl7.fhir.us.core#6.1.0", "hl7.fhir.us.core#7.0.0"}),
             boost::test_tools::per_element());
  // Dependencies that are not loaded are warnings, not failures.
  BOOST_TEST(HasIssue(full.issues, "conformance-missing-dependency",
                      "hl7.fhir.us.davinci-pas#2.2.1", "hl7.terminology.r4#7.1.0"));
  BOOST_TEST(HasIssue(full.issues, "conformance-missing-dependency", "hl7.fhir.us.core#6.1.0",
                      "hl7.fhir.uv.sdc#3.0.0"));
  BOOST_TEST(!full.issues.HasErrors());
}

BOOST_AUTO_TEST_CASE(PasProfilesResolveTheirUsCoreBases) {
  SKIP_WITHOUT_CORPORA();
  const ConformanceStore& s = *Full().defs.store;
  std::uint32_t pas = *s.FindPackage("hl7.fhir.us.davinci-pas");
  std::size_t us_core_bases = 0;
  for (const StoredResource* sd : s.All("StructureDefinition")) {
    if (sd->package != pas || sd->sd_base_definition.empty()) continue;
    const StoredResource* base = s.FindFrom(sd->sd_base_definition, pas);
    if (sd->sd_base_definition == "http://hl7.org/fhir/StructureDefinition/Base") {
      BOOST_TEST(base == nullptr);  // R5 logical base, absent from R4
      continue;
    }
    if (sd->sd_base_definition.find("/uv/subscriptions-backport/") != std::string::npos) {
      BOOST_TEST(base == nullptr);  // that dependency package is not loaded
      continue;
    }
    BOOST_TEST_REQUIRE(base != nullptr, sd->url << " → " << sd->sd_base_definition);
    if (sd->sd_base_definition.find("/us/core/") != std::string::npos) {
      ++us_core_bases;
      BOOST_TEST(base->version == "7.0.0", sd->url);
    }
  }
  BOOST_TEST(us_core_bases == 10u);
  // Unversioned from PAS: US Core 7.0.0, the version PAS depends on by its own name.
  BOOST_TEST(VersionOf(s.ResolveFrom(kPatientProfile, pas)) == "7.0.0");
  const json::Value* beneficiary =
      s.Resolve("http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-beneficiary");
  BOOST_TEST_REQUIRE(beneficiary != nullptr);
  BOOST_TEST(beneficiary->Find("baseDefinition")->string_value() == kPatientProfile + "|7.0.0");
}

BOOST_AUTO_TEST_CASE(UnresolvedCanonicalsAreReported) {
  SKIP_WITHOUT_CORPORA();
  const ConformanceStore& s = *Full().defs.store;
  auto unresolved = s.FindUnresolvedCanonicals();
  auto find = [&](std::string_view canonical, std::string_view referrer) {
    return std::find_if(unresolved.begin(), unresolved.end(), [&](const UnresolvedCanonical& u) {
      return u.canonical == canonical && u.referrer_url == referrer;
    });
  };
  auto base = find("http://hl7.org/fhir/StructureDefinition/Base",
                   "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/PASMetricData");
  BOOST_TEST_REQUIRE((base != unresolved.end()));
  BOOST_TEST(base->location == "StructureDefinition.baseDefinition");
  BOOST_TEST(base->package == "hl7.fhir.us.davinci-pas#2.2.1");
  BOOST_TEST(!base->version_mismatch);
  // Nothing the loaded packages define is reported: every us-core reference resolves.
  for (const UnresolvedCanonical& u : unresolved) {
    BOOST_TEST(u.canonical.find("/us/core/StructureDefinition/") == std::string::npos,
               u.referrer_url << " → " << u.canonical);
  }
  IssueList issues;
  s.ReportUnresolvedCanonicals(&issues);
  BOOST_TEST(issues.issues().size() == unresolved.size());
  BOOST_TEST(HasIssue(issues, "conformance-unresolved-canonical",
                      "StructureDefinition.baseDefinition", "StructureDefinition/Base"));
}

BOOST_AUTO_TEST_CASE(VersionedReferenceToAMissingVersion) {
  SKIP_WITHOUT_CORPORA();
  // Only US Core 6.1.0 + PAS: PAS's "|7.0.0" bases are known urls in another version.
  shell::DefinitionSources sources;
  sources.r4_dir = kR4;
  sources.core_bundles = {"profiles-types.json", "profiles-resources.json"};
  sources.packages = {kUsCore + "hl7.fhir.us.core-6.1.0.tgz", kPasTgz};
  sources.build_type_model = false;
  IssueList issues;
  auto loaded = shell::LoadDefinitions(sources, &issues);
  BOOST_TEST_REQUIRE(loaded.ok(), loaded.status().ToString());
  BOOST_TEST(loaded->model == nullptr);
  // US Core 7.0.0 is not loaded; the loaded 6.1.0 stands in for it, with a warning.
  BOOST_TEST(HasIssue(issues, "conformance-dependency-version-mismatch",
                      "hl7.fhir.us.davinci-pas#2.2.1", "hl7.fhir.us.core#7.0.0"));
  auto unresolved = loaded->store->FindUnresolvedCanonicals();
  auto it = std::find_if(unresolved.begin(), unresolved.end(), [](const UnresolvedCanonical& u) {
    return u.canonical == kPatientProfile + "|7.0.0";
  });
  BOOST_TEST_REQUIRE((it != unresolved.end()));
  BOOST_TEST(it->version_mismatch);
  BOOST_TEST(it->location == "StructureDefinition.baseDefinition");
  // Unversioned, the only loaded US Core answers.
  std::uint32_t pas = *loaded->store->FindPackage("hl7.fhir.us.davinci-pas");
  BOOST_TEST(VersionOf(loaded->store->ResolveFrom(kPatientProfile, pas)) == "6.1.0");
}

BOOST_AUTO_TEST_CASE(ConcurrentLazyResolution) {
  SKIP_WITHOUT_CORPORA();
  const ConformanceStore& s = *Full().defs.store;
  std::vector<const StoredResource*> value_sets = s.All("ValueSet");
  BOOST_TEST_REQUIRE(value_sets.size() > 1000u);
  std::vector<std::vector<const json::Value*>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < 400; ++i) {
        const StoredResource* r = value_sets[(i * 7 + t) % 400];
        seen[t].push_back(s.Tree(*r));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 1; t < 4; ++t) {
    std::vector<const json::Value*> a = seen[0], b = seen[t];
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    BOOST_TEST((a == b));
  }
  BOOST_TEST(std::count(seen[0].begin(), seen[0].end(), nullptr) == 0);
}

BOOST_AUTO_TEST_CASE(TypeModelFromTheSameLoad) {
  SKIP_WITHOUT_CORPORA();
  const auto& model = Full().defs.model;
  BOOST_TEST_REQUIRE(model != nullptr);
  BOOST_TEST(model->IsA("Patient", "Resource"));
  BOOST_TEST(model->TypeKeys(model::TypeKind::kResource).size() >= 148u);
  // Package profiles and logical models are not in the base model.
  BOOST_TEST(!model->HasType("PASMetricData"));
}

}  // namespace
}  // namespace gw::conformance
