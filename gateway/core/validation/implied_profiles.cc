#include "gateway/core/validation/implied_profiles.h"

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kLoinc = "http://loinc.org";
constexpr std::string_view kSnomed = "http://snomed.info/sct";

struct VitalSign {
  std::string_view system;
  std::string_view profile;
  std::string_view codes;  // separated by single spaces
};

// Checked in order: the first row with a matching coding names the profile.
const VitalSign kVitalSigns[] = {
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/vitalspanel", "85353-1"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/resprate",
     "9279-1 76170-0 76172-6 76171-8 19840-8 33438-3 76270-8 11291-2"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/heartrate",
     "8867-4 60978-4 73795-7 73799-9 76476-1 76477-9 8889-8 8890-6 8891-4 8892-2 8893-0 40443-4 "
     "55425-3 68999-2 11328-2 69000-8 8886-4"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/oxygensat",
     "2708-6 19224-5 20564-1 2709-4 2710-2 2713-6 51733-4 59408-5 59417-6 89276-0 97549-0"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/bodytemp",
     "8310-5 60834-9 60835-6 60836-4 60838-0 60955-2 61009-7 75539-7 75987-8 76010-8 76011-6 "
     "76278-1 8309-7 8328-7 8329-5 8330-3 8331-1 8332-9 8333-7 8334-5 91371-5 98657-0 98663-8"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/bodyheight",
     "8302-2 3137-7 3138-5 8306-3 8308-9"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/headcircum", "9843-4 8287-5"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/bodyweight",
     "29463-7 3141-9 3142-7 75292-3 79348-9 8350-1 8351-9"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/bmi", "39156-5 59574-4 89270-3"},
    {kLoinc, "http://hl7.org/fhir/StructureDefinition/bp",
     "85354-9 35094-2 8459-0 76534-7 55284-4 8480-6"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/vitalspanel", "46680005"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bp", "86290005 271625008 271306003"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/heartrate",
     "271306003 249043002 444981005 399017001 251670001 429525003 429614003"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/oxygensat",
     "103228002 442349007 442476006 442440005 431314004 442734002 713194001"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bodytemp",
     "386725007 276885007 300076005 1222808002 364246006 307047009 708499008 431598003 698831002 "
     "698832009 415882003 415974002 415929009 415945006"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bodyheight",
     "1153637007 1162419008 50373000 1162418000 1230278008 1162392001 1162417005"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/headcircum",
     "363812007 169876006 1269262007 363811000"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bodyweight",
     "363811000 60621009 735395000 425024002 424927000 784399000 1162416001 1162415002"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bmi", "60621009"},
    {kSnomed, "http://hl7.org/fhir/StructureDefinition/bp",
     "251076008 163033001 163035008 386534000 386536003 271649006 271650006 407556006 407554009 "
     "716579001 399304008"},
};

bool HasCoding(const json::Value& codings, const VitalSign& row) {
  for (const json::Value& c : codings.items()) {
    if (StringMember(c, "system") != row.system) continue;
    std::string_view code = StringMember(c, "code");
    if (code.empty()) continue;
    for (std::size_t at = row.codes.find(code); at != std::string_view::npos;
         at = row.codes.find(code, at + 1)) {
      std::size_t end = at + code.size();
      bool starts = at == 0 || row.codes[at - 1] == ' ';
      bool ends = end == row.codes.size() || row.codes[end] == ' ';
      if (starts && ends) return true;
    }
  }
  return false;
}

}  // namespace

std::string_view ImpliedProfile(const json::Value& resource) {
  if (!resource.is_object() || StringMember(resource, "resourceType") != "Observation") return {};
  const json::Value* code = resource.Find("code");
  const json::Value* codings = code != nullptr ? code->Find("coding") : nullptr;
  if (codings == nullptr || !codings->is_array()) return {};
  for (const VitalSign& row : kVitalSigns) {
    if (HasCoding(*codings, row)) return row.profile;
  }
  return {};
}

}  // namespace gw::validation
