// The search parameter registry over base R4 and index extraction: hand-made edge cases and
// the Synthea corpus.
#define BOOST_TEST_MODULE search_index_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>
#include <map>

#include "gateway/core/search/decimal_key.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/search/instant.h"
#include "gateway/core/search/issue_codes.h"
#include "search_fixture.h"

namespace gw::search {
namespace {

using testing::BaseRegistry;
using testing::ParseJson;

#define REQUIRE_REGISTRY()                              \
  if (BaseRegistry() == nullptr) {                      \
    std::cout << "GW_SKIPPED: R4 definitions absent\n"; \
    return;                                             \
  }

IndexEntries Extract(std::string_view json, ExtractOptions options = {}) {
  IndexExtractor extractor(BaseRegistry(), std::move(options));
  IssueList issues;
  IndexEntries e = extractor.Extract(ParseJson(json), &issues);
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(i.code << " " << i.location << " " << i.message);
  }
  BOOST_TEST(issues.issues().empty());
  return e;
}

template <typename T>
std::vector<T> Of(const std::vector<T>& all, std::string_view param) {
  std::vector<T> out;
  for (const T& e : all) {
    if (e.param == param) out.push_back(e);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(registry_has_base_parameters) {
  REQUIRE_REGISTRY();
  const SearchParamRegistry& r = *BaseRegistry();
  const SearchParam* p = r.Find("Patient", "birthdate");
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST((p->type == ParamType::kDate));
  BOOST_TEST(p->expression == "Patient.birthDate");
  BOOST_TEST((p->storage == ParamStorage::kIndex));
  const SearchParam* code = r.Find("Condition", "code");
  BOOST_TEST_REQUIRE(code != nullptr);
  BOOST_TEST(code->expression == "Condition.code");
  const SearchParam* patient = r.Find("CarePlan", "patient");
  BOOST_TEST_REQUIRE(patient != nullptr);
  BOOST_TEST(patient->expression == "CarePlan.subject.where(resolve() is Patient)");
  BOOST_TEST(patient->targets == std::vector<std::string>{"Patient"});
  BOOST_TEST(r.Find("Observation", "value-quantity")->expression ==
             "Observation.value.ofType(Quantity) | Observation.value.ofType(SampledData)");
  BOOST_TEST((r.Find("Observation", "_id")->storage == ParamStorage::kResourceId));
  BOOST_TEST((r.Find("Observation", "_lastUpdated")->storage == ParamStorage::kLastUpdated));
  BOOST_TEST((r.Find("Observation", "code-value-quantity")->storage == ParamStorage::kNotIndexed));
  BOOST_TEST(r.Find("Observation", "_tag") != nullptr);
  BOOST_TEST(r.Find("Observation", "no-such-param") == nullptr);
  BOOST_TEST(r.ParamsFor("NoSuchType").empty());
  BOOST_TEST(r.IsResourceType("Patient"));
  BOOST_TEST(!r.IsResourceType("DomainResource"));
  // Every parameter with an expression compiled for every base type.
  int not_indexed = 0, indexed = 0;
  for (const std::string& t : r.ResourceTypes()) {
    for (const SearchParam* q : r.ParamsFor(t)) {
      if (q->storage == ParamStorage::kIndex) ++indexed;
      if (q->storage == ParamStorage::kNotIndexed && q->type != ParamType::kComposite &&
          q->type != ParamType::kSpecial && !q->expression.empty()) {
        ++not_indexed;
        BOOST_TEST_MESSAGE("not indexed: " << t << "." << q->code << " " << q->expression);
      }
    }
  }
  BOOST_TEST(not_indexed == 0);
  BOOST_TEST(indexed > 2000);
}

BOOST_AUTO_TEST_CASE(registry_shares_rows_of_unions_and_typed_references) {
  REQUIRE_REGISTRY();
  const SearchParamRegistry& r = *BaseRegistry();
  auto codes = [](const SearchParam* p) {
    std::vector<std::string> out;
    for (const SearchParam* q : p->rows_of) out.push_back(q->code);
    std::sort(out.begin(), out.end());
    return out;
  };
  BOOST_TEST(codes(r.Find("Observation", "combo-code")) ==
             (std::vector<std::string>{"code", "component-code"}));
  BOOST_TEST(codes(r.Find("Observation", "combo-value-quantity")) ==
             (std::vector<std::string>{"component-value-quantity", "value-quantity"}));
  const SearchParam* patient = r.Find("Observation", "patient");
  BOOST_TEST(codes(patient) == std::vector<std::string>{"subject"});
  BOOST_TEST(patient->rows_target_type == "Patient");
  BOOST_TEST(patient->compiled != nullptr);  // still evaluates by itself (for _include)
  BOOST_TEST(r.Find("Observation", "code")->rows_of.empty());
  BOOST_TEST(r.Find("Observation", "subject")->rows_of.empty());
  BOOST_TEST(r.Find("AllergyIntolerance", "patient")->rows_of.empty());  // no subject there
  // Every shared parameter reads rows that exist: components keep rows of their own.
  for (const std::string& t : r.ResourceTypes()) {
    for (const SearchParam* p : r.ParamsFor(t)) {
      for (const SearchParam* q : p->rows_of) {
        BOOST_TEST(q->rows_of.empty(), t << "." << p->code);
        BOOST_TEST((q->type == p->type));
        BOOST_TEST((q->storage == ParamStorage::kIndex));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(registry_reports_bad_definitions) {
  REQUIRE_REGISTRY();
  json::Value bad_type = ParseJson(
      R"({"resourceType":"SearchParameter","url":"http://x/sp1","code":"x","type":"weird",
          "base":["Patient"],"expression":"Patient.id"})");
  json::Value bad_expr = ParseJson(
      R"({"resourceType":"SearchParameter","url":"http://x/sp2","code":"y","type":"token",
          "base":["Patient"],"expression":"Patient.name.where("})");
  json::Value dup = ParseJson(
      R"({"resourceType":"SearchParameter","url":"http://x/sp3","code":"y","type":"token",
          "base":["Patient"],"expression":"Patient.gender"})");
  json::Value ok = ParseJson(
      R"({"resourceType":"SearchParameter","url":"http://x/sp4","code":"z","type":"token",
          "base":["Patient"],"expression":"Patient.gender"})");
  std::vector<const json::Value*> defs = {&bad_type, &bad_expr, &dup, &ok};
  IssueList issues;
  auto reg = SearchParamRegistry::Build(
      defs, std::shared_ptr<const model::R4TypeModel>(BaseRegistry(), &BaseRegistry()->model()),
      &issues);
  BOOST_TEST_REQUIRE(reg.ok());
  std::vector<std::string> codes;
  for (const Issue& i : issues.issues()) codes.push_back(i.code);
  BOOST_TEST(codes == (std::vector<std::string>{kIssueParamInvalid, kIssueParamExpression,
                                                kIssueParamDuplicate}));
  BOOST_TEST(((*reg)->Find("Patient", "y")->storage == ParamStorage::kNotIndexed));
  BOOST_TEST(((*reg)->Find("Patient", "z")->storage == ParamStorage::kIndex));
}

BOOST_AUTO_TEST_CASE(patient_tokens_strings_dates_references) {
  REQUIRE_REGISTRY();
  ExtractOptions options;
  options.local_base_urls = {"https://gw.example.org/fhir"};
  IndexEntries e = Extract(R"({
    "resourceType": "Patient", "id": "p1",
    "meta": {"tag": [{"system": "http://t", "code": "x", "display": "Tag X"}],
             "profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},
    "contained": [{"resourceType": "Organization", "id": "org1", "name": "Inner"}],
    "identifier": [{"value": "NOSYS-1"},
                   {"system": "http://hospital/mrn", "value": "MRN-7",
                    "type": {"text": "Medical Record Number"}}],
    "active": true,
    "name": [{"family": "Müller", "given": ["Élodie", "Anne"], "prefix": ["Dr."]}],
    "telecom": [{"system": "phone", "value": "555-1234"},
                {"system": "email", "value": "e@example.org"}],
    "gender": "female",
    "birthDate": "1974-12",
    "deceasedBoolean": false,
    "address": [{"line": ["1 Rue de l'Église"], "city": "Saint-Étienne", "postalCode": "42000"}],
    "generalPractitioner": [{"reference": "https://gw.example.org/fhir/Practitioner/dr1"},
                            {"reference": "https://other.org/fhir/Practitioner/dr2/_history/3"}],
    "managingOrganization": {"reference": "#org1"}
  })",
                           options);
  auto ids = Of(e.tokens, "identifier");
  BOOST_TEST_REQUIRE(ids.size() == 2u);
  BOOST_TEST(ids[0].system == "");
  BOOST_TEST(ids[0].code == "NOSYS-1");
  BOOST_TEST(ids[1].system == "http://hospital/mrn");
  BOOST_TEST(ids[1].text == "medical record number");
  BOOST_TEST(Of(e.tokens, "gender").at(0).code == "female");
  BOOST_TEST(Of(e.tokens, "active").at(0).code == "true");
  BOOST_TEST(Of(e.tokens, "deceased").at(0).code == "false");
  BOOST_TEST(Of(e.tokens, "email").size() == 1u);
  BOOST_TEST(Of(e.tokens, "email").at(0).code == "e@example.org");
  BOOST_TEST(Of(e.tokens, "phone").at(0).system == "phone");
  BOOST_TEST(Of(e.tokens, "telecom").size() == 2u);
  BOOST_TEST(Of(e.tokens, "_tag").at(0).text == "tag x");
  BOOST_TEST(Of(e.uris, "_profile").size() == 1u);

  auto given = Of(e.strings, "given");
  BOOST_TEST_REQUIRE(given.size() == 2u);
  BOOST_TEST(given[0].normalized == "anne");
  BOOST_TEST(given[1].normalized == "elodie");
  BOOST_TEST(given[1].exact == "Élodie");
  BOOST_TEST(Of(e.strings, "family").at(0).normalized == "muller");
  BOOST_TEST(Of(e.strings, "name").size() == 4u);  // family, 2 given, prefix
  BOOST_TEST(Of(e.strings, "address-city").at(0).normalized == "saint-etienne");
  BOOST_TEST(Of(e.strings, "address").size() == 3u);

  auto birth = Of(e.dates, "birthdate");
  BOOST_TEST_REQUIRE(birth.size() == 1u);
  BOOST_TEST(FormatInstant(birth[0].low_ms) == "1974-12-01T00:00:00.000Z");
  BOOST_TEST(FormatInstant(birth[0].high_ms) == "1974-12-31T23:59:59.999Z");
  BOOST_TEST((birth[0].precision == DatePrecision::kMonth));

  auto gp = Of(e.references, "general-practitioner");
  BOOST_TEST_REQUIRE(gp.size() == 2u);
  // Sorted: the local one (empty url) first.
  BOOST_TEST(gp[0].target_type == "Practitioner");
  BOOST_TEST(gp[0].target_id == "dr1");
  BOOST_TEST(gp[0].url == "");
  BOOST_TEST(gp[1].target_id == "dr2");
  BOOST_TEST(gp[1].version == "3");
  BOOST_TEST(gp[1].url == "https://other.org/fhir/Practitioner/dr2");
  auto org = Of(e.references, "organization");
  BOOST_TEST_REQUIRE(org.size() == 1u);
  BOOST_TEST(org[0].url == "#org1");
  BOOST_TEST(org[0].target_type == "Organization");
  BOOST_TEST(Of(e.tokens, "_id").empty());  // a store column, not an index entry
}

BOOST_AUTO_TEST_CASE(observation_quantities_keep_exact_decimals) {
  REQUIRE_REGISTRY();
  IndexEntries e = Extract(R"({
    "resourceType": "Observation", "id": "o1", "status": "final",
    "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                              "code": "laboratory"}]}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7", "display": "Glucose"}],
             "text": "Glucose [Mass/volume]"},
    "subject": {"reference": "Patient/123"},
    "effectivePeriod": {"start": "2020-03-04T10:00:00Z"},
    "valueQuantity": {"value": 1.50, "unit": "mg/dL", "system": "http://unitsofmeasure.org",
                      "code": "mg/dL"},
    "component": [{"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                   "valueQuantity": {"value": 120, "unit": "mmHg"}}]
  })");
  auto vq = Of(e.quantities, "value-quantity");
  BOOST_TEST_REQUIRE(vq.size() == 1u);
  BOOST_TEST(vq[0].value == "1.50");
  BOOST_TEST(vq[0].sort_key == *DecimalSortKey("1.5"));
  BOOST_TEST(vq[0].system == "http://unitsofmeasure.org");
  BOOST_TEST(vq[0].code == "mg/dL");
  BOOST_TEST(vq[0].canonical_unit == "g/m3");
  BOOST_TEST(vq[0].canonical_value == "15.00");
  auto cq = Of(e.quantities, "component-value-quantity");
  BOOST_TEST_REQUIRE(cq.size() == 1u);
  BOOST_TEST(cq[0].value == "120");
  BOOST_TEST(cq[0].unit == "mmHg");
  BOOST_TEST(cq[0].canonical_unit == "");  // no UCUM system: no canonical form
  BOOST_TEST(Of(e.quantities, "combo-value-quantity").empty());  // rows of the two above

  auto code = Of(e.tokens, "code");
  BOOST_TEST_REQUIRE(code.size() == 2u);
  BOOST_TEST(code[0].code == "");  // the text-only row sorts first
  BOOST_TEST(code[0].text == "glucose [mass/volume]");
  BOOST_TEST(code[1].system == "http://loinc.org");
  BOOST_TEST(code[1].code == "2345-7");
  BOOST_TEST(code[1].text == "glucose");
  BOOST_TEST(Of(e.tokens, "combo-code").empty());  // rows of code and component-code
  BOOST_TEST(Of(e.tokens, "component-code").size() == 1u);
  // A text that reads like a coding's display adds no text-only row.
  IndexEntries same = Extract(R"({"resourceType":"Condition","id":"c1",
    "subject":{"reference":"Patient/1"},
    "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006",
                       "display":"Diabetes mellitus type 2"}],"text":"Diabetes Mellitus Type 2"}})");
  auto cond = Of(same.tokens, "code");
  BOOST_TEST_REQUIRE(cond.size() == 1u);
  BOOST_TEST(cond[0].text == "diabetes mellitus type 2");
  BOOST_TEST(Of(e.tokens, "category").at(0).code == "laboratory");

  BOOST_TEST(Of(e.references, "patient").empty());  // the subject rows to a Patient
  auto subject = Of(e.references, "subject");
  BOOST_TEST_REQUIRE(subject.size() == 1u);
  BOOST_TEST(subject[0].target_type == "Patient");
  BOOST_TEST(subject[0].target_id == "123");

  auto date = Of(e.dates, "date");
  BOOST_TEST_REQUIRE(date.size() == 1u);
  BOOST_TEST(FormatInstant(date[0].low_ms) == "2020-03-04T10:00:00.000Z");
  BOOST_TEST(date[0].high_ms == kMaxInstantMs);  // period without end
  BOOST_TEST((date[0].precision == DatePrecision::kSecond));
}

BOOST_AUTO_TEST_CASE(urn_references_are_kept_but_not_typed) {
  REQUIRE_REGISTRY();
  IndexEntries e = Extract(R"({
    "resourceType": "Encounter", "id": "e1", "status": "finished",
    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
    "subject": {"reference": "urn:uuid:7c4e0b8c-1b6a-4c1e-9f00-000000000001"},
    "participant": [{"individual": {"reference": "Practitioner/pr1", "display": "Dr X"}}],
    "serviceProvider": {"identifier": {"system": "http://npi", "value": "99"}},
    "period": {"end": "2019-05"}
  })");
  BOOST_TEST(Of(e.references, "patient").empty());  // shares the subject rows
  auto subject = Of(e.references, "subject");
  BOOST_TEST_REQUIRE(subject.size() == 1u);
  BOOST_TEST(subject[0].url == "urn:uuid:7c4e0b8c-1b6a-4c1e-9f00-000000000001");
  BOOST_TEST(subject[0].target_type == "");
  auto sp = Of(e.references, "service-provider");
  BOOST_TEST_REQUIRE(sp.size() == 1u);
  BOOST_TEST(sp[0].identifier_system == "http://npi");
  BOOST_TEST(sp[0].identifier_value == "99");
  auto participant = Of(e.references, "participant");
  BOOST_TEST_REQUIRE(participant.size() == 1u);
  BOOST_TEST(participant[0].target_type == "Practitioner");  // "practitioner" reads these rows
  auto date = Of(e.dates, "date");
  BOOST_TEST_REQUIRE(date.size() == 1u);
  BOOST_TEST(date[0].low_ms == kMinInstantMs);  // period without start
  BOOST_TEST(FormatInstant(date[0].high_ms) == "2019-05-31T23:59:59.999Z");
  BOOST_TEST(Of(e.tokens, "class").at(0).code == "AMB");
}

BOOST_AUTO_TEST_CASE(numbers_uris_money_and_timing) {
  REQUIRE_REGISTRY();
  IndexEntries risk = Extract(R"({
    "resourceType": "RiskAssessment", "id": "r1", "status": "final",
    "subject": {"reference": "Patient/1"},
    "prediction": [{"probabilityDecimal": 0.050}, {"probabilityDecimal": 1e-2}]
  })");
  auto prob = Of(risk.numbers, "probability");
  BOOST_TEST_REQUIRE(prob.size() == 2u);
  BOOST_TEST(prob[0].value == "0.050");
  BOOST_TEST(prob[1].value == "1e-2");
  BOOST_TEST(prob[1].sort_key < prob[0].sort_key);

  IndexEntries vs = Extract(R"({
    "resourceType": "ValueSet", "id": "v1", "status": "active",
    "url": "http://example.org/ValueSet/colors", "version": "1.0.0", "name": "Colors"
  })");
  BOOST_TEST(Of(vs.uris, "url").at(0).uri == "http://example.org/ValueSet/colors");
  BOOST_TEST(Of(vs.tokens, "version").at(0).code == "1.0.0");
  BOOST_TEST(Of(vs.strings, "name").at(0).normalized == "colors");

  IndexEntries charge = Extract(R"({
    "resourceType": "ChargeItem", "id": "c1", "status": "billable",
    "code": {"text": "x"}, "subject": {"reference": "Patient/1"},
    "priceOverride": {"value": 12.30, "currency": "USD"},
    "occurrenceTiming": {"event": ["2020-01-02", "2020-01-05T08:00:00Z"]}
  })");
  auto price = Of(charge.quantities, "price-override");
  BOOST_TEST_REQUIRE(price.size() == 1u);
  BOOST_TEST(price[0].value == "12.30");
  BOOST_TEST(price[0].system == "urn:iso:std:iso:4217");
  BOOST_TEST(price[0].code == "USD");
  auto occ = Of(charge.dates, "entered-date");
  BOOST_TEST(occ.empty());
  auto occurrence = Of(charge.dates, "occurrence");
  BOOST_TEST_REQUIRE(occurrence.size() == 1u);
  BOOST_TEST(FormatInstant(occurrence[0].low_ms) == "2020-01-02T00:00:00.000Z");
  BOOST_TEST(FormatInstant(occurrence[0].high_ms) == "2020-01-05T08:00:00.999Z");
}

BOOST_AUTO_TEST_CASE(canonical_references_split_version) {
  REQUIRE_REGISTRY();
  IndexEntries e = Extract(R"({
    "resourceType": "Questionnaire", "id": "q1", "status": "active",
    "derivedFrom": ["http://example.org/Questionnaire/base|2.1"]
  })");
  BOOST_TEST(e.references.empty());  // Questionnaire has no reference parameter on derivedFrom
  IndexEntries cp = Extract(R"({
    "resourceType": "CarePlan", "id": "cp1", "status": "active", "intent": "plan",
    "subject": {"reference": "Patient/p9"},
    "instantiatesCanonical": ["http://example.org/PlanDefinition/pd|3"]
  })");
  auto ic = Of(cp.references, "instantiates-canonical");
  BOOST_TEST_REQUIRE(ic.size() == 1u);
  BOOST_TEST(ic[0].url == "http://example.org/PlanDefinition/pd");
  BOOST_TEST(ic[0].version == "3");
  BOOST_TEST(ic[0].target_type == "PlanDefinition");
  BOOST_TEST(ic[0].target_id == "pd");
  BOOST_TEST(Of(cp.references, "subject").at(0).target_id == "p9");
}

BOOST_AUTO_TEST_CASE(synthea_corpus_indexes_without_failures) {
  REQUIRE_REGISTRY();
  const auto& resources = testing::SyntheaResources();
  if (resources.empty()) {
    std::cout << "GW_SKIPPED: Synthea corpus absent\n";
    return;
  }
  IndexExtractor extractor(BaseRegistry());
  std::map<std::string, int> per_type;
  std::size_t rows = 0;
  int failures = 0;
  int patients_with_birthdate = 0, observations_with_code = 0, with_quantity = 0;
  for (const json::Value& r : resources) {
    IssueList issues;
    IndexEntries e = extractor.Extract(r, &issues);
    failures += static_cast<int>(issues.issues().size());
    for (const Issue& i : issues.issues()) BOOST_TEST_MESSAGE(i.location << " " << i.message);
    rows += e.size();
    std::string type(r.Find("resourceType")->string_value());
    ++per_type[type];
    if (type == "Patient" && !Of(e.dates, "birthdate").empty()) ++patients_with_birthdate;
    if (type == "Observation" && !Of(e.tokens, "code").empty()) ++observations_with_code;
    if (type == "Observation" && !Of(e.quantities, "value-quantity").empty()) ++with_quantity;
  }
  std::cout << "synthea: " << resources.size() << " resources, " << rows << " index rows\n";
  BOOST_TEST(resources.size() == 15496u);  // the sum of the README's per-type counts
  BOOST_TEST(failures == 0);
  BOOST_TEST(patients_with_birthdate == 100);
  BOOST_TEST(observations_with_code == per_type["Observation"]);
  BOOST_TEST(with_quantity > 5000);
}

}  // namespace
}  // namespace gw::search
