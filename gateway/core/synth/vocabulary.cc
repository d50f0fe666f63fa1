#include "gateway/core/synth/vocabulary.h"

namespace gw::synth {
namespace {

using S = std::string_view;

constexpr S kMaleGiven[] = {"José",      "Juan",     "Luis",      "Carlos", "Miguel",  "Ángel",
                            "Jesús",     "Rafael",   "Ramón",     "Pedro",  "Héctor",  "Víctor",
                            "Edwin",     "Wilfredo", "Jorge",     "Efraín", "Rubén",   "Nelson",
                            "Israel",    "Félix",    "Julio",     "Manuel", "Orlando", "Roberto",
                            "Francisco", "Andrés",   "Sebastián", "Adrián", "Gabriel", "Yadiel",
                            "Jadiel",    "Iván",     "Raúl",      "Germán", "Joel",    "Noel"};
constexpr S kFemaleGiven[] = {"María",    "Carmen",  "Ana",     "Luz",     "Gladys",   "Migdalia",
                              "Nilda",    "Iris",    "Wanda",   "Zoraida", "Marisol",  "Yolanda",
                              "Ivelisse", "Noemí",   "Lourdes", "Gloria",  "Daisy",    "Elba",
                              "Sonia",    "Aida",    "Mónica",  "Raquel",  "Ivette",   "Yesenia",
                              "Keishla",  "Génesis", "Valeria", "Camila",  "Sofía",    "Natalia",
                              "Paola",    "Dalila",  "Inés",    "Belén",   "Mercedes", "Ángela"};
constexpr S kMaleMiddle[] = {"Ángel",   "Luis", "Antonio", "Enrique",  "Javier", "Manuel",
                             "Alberto", "José", "Iván",    "de Jesús", "Rafael", "Andrés"};
constexpr S kFemaleMiddle[] = {"del Carmen", "de los Ángeles", "Isabel", "Luisa",
                               "Enid",       "Milagros",       "Teresa", "Ivonne",
                               "del Pilar",  "Mercedes",       "Inés",   "Socorro"};
constexpr S kSurnames[] = {
    "Rodríguez", "Rivera",   "González", "Pérez",    "Hernández", "Díaz",      "Colón",  "López",
    "Martínez",  "Torres",   "Ortiz",    "Ramos",    "Vázquez",   "Santiago",  "Cruz",   "Morales",
    "Reyes",     "Rosario",  "Sánchez",  "Ramírez",  "Vélez",     "Medina",    "Muñoz",  "Figueroa",
    "Negrón",    "Meléndez", "Marrero",  "Quiñones", "Maldonado", "Acevedo",   "Ayala",  "Nieves",
    "Cintrón",   "Irizarry", "Pagán",    "Santana",  "Burgos",    "Feliciano", "Matos",  "Agosto",
    "Ocasio",    "Báez",     "Adorno",   "Cotto",    "Peñuelas",  "Domínguez", "Avilés", "Albarrán",
    "Núñez",     "Ibáñez"};
constexpr S kUsMaleGiven[] = {"James", "Michael", "Robert",  "David",       "William", "Daniel",
                              "Kevin", "Brian",   "Anthony", "Christopher", "Joshua",  "Ryan"};
constexpr S kUsFemaleGiven[] = {"Ashley", "Jennifer",  "Jessica", "Emily",  "Sarah", "Nicole",
                                "Amanda", "Stephanie", "Megan",   "Rachel", "Laura", "Grace"};
constexpr S kUsSurnames[] = {"Smith",   "Johnson", "Williams", "Brown",    "Jones",  "Miller",
                             "Davis",   "Wilson",  "Anderson", "Taylor",   "Thomas", "Moore",
                             "Jackson", "Martin",  "Lee",      "Thompson", "White",  "O'Brien"};
constexpr S kUrbanizaciones[] = {
    "Urb. Santa Rosa",          "Urb. Villa Carolina", "Urb. Levittown",
    "Urb. Las Lomas",           "Urb. Country Club",   "Urb. Sierra Bayamón",
    "Urb. Jardines de Caparra", "Urb. Valle Arriba",   "Urb. Los Caobos",
    "Urb. Alturas de Peñuelas", "Urb. Río Hondo",      "Urb. Villa del Carmen",
    "Urb. San Antonio",         "Urb. El Señorial",    "Urb. Brisas del Mar",
    "Urb. Extensión Villa Rica"};
constexpr S kPrStreets[] = {"Calle Luna",     "Calle Sol",          "Calle Comercio",
                            "Calle Loíza",    "Ave. Ponce de León", "Calle Méndez Vigo",
                            "Calle Marina",   "Calle Ruiz Belvis",  "Ave. Muñoz Rivera",
                            "Calle Betances", "Calle Degetau",      "Calle Cristóbal Colón"};
constexpr S kUsStreets[] = {"Brickell Ave",  "Orange Ave",     "Main St",        "Park Ave",
                            "Grand Ave",     "Broad St",       "Columbus Blvd",  "Kennedy Blvd",
                            "Washington St", "Lake Nona Blvd", "N Semoran Blvd", "Albany Ave"};

constexpr Municipio kMunicipios[] = {
    {"Adjuntas", 601, 601},      {"Aguada", 602, 602},        {"Aguadilla", 603, 605},
    {"Aguas Buenas", 703, 703},  {"Aibonito", 705, 705},      {"Añasco", 610, 610},
    {"Arecibo", 612, 614},       {"Arroyo", 714, 714},        {"Barceloneta", 617, 617},
    {"Barranquitas", 794, 794},  {"Bayamón", 956, 961},       {"Cabo Rojo", 622, 623},
    {"Caguas", 725, 727},        {"Camuy", 627, 627},         {"Canóvanas", 729, 729},
    {"Carolina", 979, 987},      {"Cataño", 962, 963},        {"Cayey", 736, 737},
    {"Ceiba", 735, 735},         {"Ciales", 638, 638},        {"Cidra", 739, 739},
    {"Coamo", 769, 769},         {"Comerío", 782, 782},       {"Corozal", 783, 783},
    {"Culebra", 775, 775},       {"Dorado", 646, 646},        {"Fajardo", 738, 738},
    {"Florida", 650, 650},       {"Guánica", 653, 653},       {"Guayama", 784, 785},
    {"Guayanilla", 656, 656},    {"Guaynabo", 965, 971},      {"Gurabo", 778, 778},
    {"Hatillo", 659, 659},       {"Hormigueros", 660, 660},   {"Humacao", 791, 792},
    {"Isabela", 662, 662},       {"Jayuya", 664, 664},        {"Juana Díaz", 795, 795},
    {"Juncos", 777, 777},        {"Lajas", 667, 667},         {"Lares", 669, 669},
    {"Las Marías", 670, 670},    {"Las Piedras", 771, 771},   {"Loíza", 772, 772},
    {"Luquillo", 773, 773},      {"Manatí", 674, 674},        {"Maricao", 606, 606},
    {"Maunabo", 707, 707},       {"Mayagüez", 680, 682},      {"Moca", 676, 676},
    {"Morovis", 687, 687},       {"Naguabo", 718, 718},       {"Naranjito", 719, 719},
    {"Orocovis", 720, 720},      {"Patillas", 723, 723},      {"Peñuelas", 624, 624},
    {"Ponce", 716, 734},         {"Quebradillas", 678, 678},  {"Rincón", 677, 677},
    {"Río Grande", 745, 745},    {"Sabana Grande", 637, 637}, {"Salinas", 751, 751},
    {"San Germán", 683, 683},    {"San Juan", 901, 940},      {"San Lorenzo", 754, 754},
    {"San Sebastián", 685, 685}, {"Santa Isabel", 757, 757},  {"Toa Alta", 953, 954},
    {"Toa Baja", 949, 952},      {"Trujillo Alto", 976, 977}, {"Utuado", 641, 641},
    {"Vega Alta", 692, 692},     {"Vega Baja", 693, 694},     {"Vieques", 765, 765},
    {"Villalba", 766, 766},      {"Yabucoa", 767, 767},       {"Yauco", 698, 698}};
static_assert(std::size(kMunicipios) == 78);

constexpr UsCity kUsCities[] = {
    {"Orlando", "FL", 32801, 32839, "407"},      {"Kissimmee", "FL", 34741, 34747, "407"},
    {"Tampa", "FL", 33602, 33647, "813"},        {"Miami", "FL", 33125, 33199, "305"},
    {"New York", "NY", 10025, 10040, "212"},     {"Bronx", "NY", 10451, 10475, "718"},
    {"Philadelphia", "PA", 19120, 19140, "215"}, {"Hartford", "CT", 6103, 6120, "860"},
    {"Springfield", "MA", 1103, 1109, "413"},    {"Chicago", "IL", 60622, 60651, "312"},
    {"Newark", "NJ", 7102, 7114, "973"},         {"Houston", "TX", 77002, 77099, "713"},
    {"Boston", "MA", 2118, 2130, "617"},         {"Cleveland", "OH", 44102, 44113, "216"}};

constexpr Plan kPlans[] = {{"MAPD", "H5774-012", "Platino Advance"},
                           {"MAPD", "H5774-015", "Platino Plus"},
                           {"MAPD", "H5774-021", "Oro Rx"},
                           {"MA", "H5774-003", "Esencial"},
                           {"MA", "H5774-007", "Esencial Plus"},
                           {"DSNP", "H4003-005", "Platino Dual"},
                           {"DSNP", "H4003-007", "Platino Dual Plus"},
                           {"MEDICAID", "VITAL-01", "Plan Vital"},
                           {"MEDICAID", "VITAL-02", "Plan Vital Niños"},
                           {"COMMERCIAL", "CM-GOLD-01", "Gold PPO"},
                           {"COMMERCIAL", "CM-SILV-02", "Silver HMO"},
                           {"COMMERCIAL", "CM-BRZ-03", "Bronze HMO"}};

constexpr EmployerGroup kGroups[] = {
    {"GRP-0042", "Hospital Metro, Inc."},
    {"GRP-0107", "Cooperativa de Ahorro y Crédito \"La Puertorriqueña\""},
    {"GRP-0233", "Municipio de Bayamón"},
    {"GRP-0318", "Farmacias del Pueblo, LLC"},
    {"GRP-0451", "Universidad del Caribe"},
    {"GRP-0502", "Autoridad de Energía Eléctrica"},
    {"GRP-0777", ""}};

constexpr S kPrNetworks[] = {"PR-ALL", "PR-METRO", "PR-NORTE", "PR-SUR", "PR-ESTE", "PR-OESTE"};

constexpr Specialty kPrimaryCare[] = {
    {"207Q00000X", "pcp"}, {"207R00000X", "pcp"}, {"208D00000X", "pcp"}, {"208000000X", "pcp"}};
constexpr Specialty kSpecialists[] = {{"207RN0300X", "nephrologist"},
                                      {"207RC0000X", "cardiologist"},
                                      {"207RX0202X", "oncologist"},
                                      {"207RP1001X", "pulmonologist"},
                                      {"2084N0400X", "neurologist"},
                                      {"207X00000X", "orthopedic-surgeon"},
                                      {"207RG0100X", "gastroenterologist"},
                                      {"207RR0500X", "rheumatologist"},
                                      {"207RE0101X", "endocrinologist"},
                                      {"207W00000X", "ophthalmologist"},
                                      {"208600000X", "surgeon"},
                                      {"207RT0003X", "transplant-hepatologist"}};

constexpr Organization kPrHospitals[] = {
    {"Hospital Auxilio Mutuo", "282N00000X", "Ave. Ponce de León 735", "San Juan", "PR", "00918",
     "787"},
    {"Hospital San Lucas", "282N00000X", "Calle Guadalupe 917", "Ponce", "PR", "00717", "787"},
    {"Centro Médico de Mayagüez", "282N00000X", "Ave. Hostos 410", "Mayagüez", "PR", "00680",
     "787"},
    {"Hospital HIMA San Pablo", "282N00000X", "Ave. Luis Muñoz Marín 100", "Caguas", "PR", "00725",
     "787"},
    {"Hospital Menonita", "282N00000X", "Carr. 14, Km 0.2", "Cayey", "PR", "00736", "787"},
    {"Hospital Doctors' Center", "282N00000X", "Carr. 2, Km 47.7", "Manatí", "PR", "00674", "787"},
    {"Hospital Pediátrico Universitario", "282NC2000X", "Barrio Monacillos", "San Juan", "PR",
     "00935", "787"}};
constexpr Organization kPrAncillaries[] = {
    {"Suplidora Médica del Caribe", "332B00000X", "Ave. Las Cumbres 55", "Guaynabo", "PR", "00969",
     "787"},
    {"Cuidado en el Hogar Borinquen", "251E00000X", "Calle Betances 12", "Arecibo", "PR", "00612",
     "787"},
    {"Farmacia Especializada del Este", "3336S0011X", "Ave. Fernández Juncos 1200", "San Juan",
     "PR", "00907", "939"}};
constexpr Organization kUsHospitals[] = {
    {"Jackson Memorial Hospital", "282N00000X", "1611 NW 12th Ave", "Miami", "FL", "33136", "305"},
    {"Mount Sinai Hospital", "282N00000X", "1 Gustave L. Levy Pl", "New York", "NY", "10029",
     "212"},
    {"Boston Children's Hospital", "282NC2000X", "300 Longwood Ave", "Boston", "MA", "02115",
     "617"},
    {"Cleveland Clinic", "282N00000X", "9500 Euclid Ave", "Cleveland", "OH", "44195", "216"},
    {"Johns Hopkins Hospital", "282N00000X", "1800 Orleans St", "Baltimore", "MD", "21287", "410"},
    {"MD Anderson Cancer Center", "282N00000X", "1515 Holcombe Blvd", "Houston", "TX", "77030",
     "713"},
    {"Nemours Children's Hospital", "282NC2000X", "13535 Nemours Pkwy", "Orlando", "FL", "32827",
     "407"},
    {"Tampa General Hospital", "282N00000X", "1 Tampa General Cir", "Tampa", "FL", "33606", "813"}};

// --- care management -------------------------------------------------------------------
constexpr Problem kEsrd[] = {{"N18.6", "End stage renal disease"},
                             {"Z99.2", "Dependence on renal dialysis"},
                             {"I12.0",
                              "Hypertensive chronic kidney disease with stage 5 chronic kidney "
                              "disease or end stage renal disease"}};
constexpr S kEsrdGoals[] = {"Fistula placed before next dialysis cycle",
                            "Attend 100% of scheduled dialysis sessions",
                            "Keep interdialytic weight gain under 2 kg"};
constexpr CarePlanItem kEsrdItems[] = {{"referral", "Vascular surgery evaluation"},
                                       {"call", "Weekly adherence call"},
                                       {"education", "Renal diet and fluid restriction education"},
                                       {"social-work", "Transportation to dialysis center"}};
constexpr Problem kTransplant[] = {{"Z94.0", "Kidney transplant status"},
                                   {"Z94.4", "Liver transplant status"},
                                   {"K74.60", "Unspecified cirrhosis of liver"},
                                   {"T86.11", "Kidney transplant rejection"}};
constexpr S kTransplantGoals[] = {"Complete transplant evaluation",
                                  "No missed immunosuppressant doses",
                                  "Keep all post-transplant clinic visits"};
constexpr CarePlanItem kTransplantItems[] = {
    {"referral", "Transplant center evaluation"},
    {"medication-review", "Immunosuppressant level review"},
    {"education", "Signs of rejection education"},
    {"social-work", "Caregiver and lodging plan for transplant stay"}};
constexpr Problem kUsServices[] = {
    {"Q21.1", "Atrial septal defect"},
    {"C91.00", "Acute lymphoblastic leukemia not having achieved remission"},
    {"G71.01", "Duchenne or Becker muscular dystrophy"},
    {"E75.22", "Gaucher disease"}};
constexpr S kUsServicesGoals[] = {"Complete treatment at the United States center",
                                  "Travel and lodging arranged before the first appointment",
                                  "Follow-up care coordinated with the Puerto Rico physician"};
constexpr CarePlanItem kUsServicesItems[] = {
    {"referral", "Referral to United States specialty center"},
    {"social-work", "Travel, lodging and escort coordination"},
    {"call", "Pre-travel call with member and family"},
    {"education", "Orientation on out-of-area coverage"}};
constexpr Problem kMultiChronic[] = {
    {"E11.65", "Type 2 diabetes mellitus with hyperglycemia"},
    {"I10", "Essential (primary) hypertension"},
    {"J44.9", "Chronic obstructive pulmonary disease, unspecified"},
    {"E78.5", "Hyperlipidemia, unspecified"}};
constexpr S kMultiChronicGoals[] = {"HbA1c below 8% in six months",
                                    "Blood pressure below 140/90 at next visit",
                                    "No emergency room visits in 90 days"};
constexpr CarePlanItem kMultiChronicItems[] = {
    {"medication-review", "Reconcile medications across prescribers"},
    {"education", "Glucose self-monitoring education"},
    {"call", "Monthly follow-up call"},
    {"home-health", "Nurse home visit for medication management"}};
constexpr Problem kSkinUlcer[] = {
    {"L89.154", "Pressure ulcer of sacral region, stage 4"},
    {"L97.412", "Non-pressure chronic ulcer of right heel and midfoot with fat layer exposed"},
    {"E11.621", "Type 2 diabetes mellitus with foot ulcer"}};
constexpr S kSkinUlcerGoals[] = {"Wound area reduced by half in eight weeks",
                                 "Caregiver performs pressure relief every two hours"};
constexpr CarePlanItem kSkinUlcerItems[] = {{"home-health", "Wound care nurse visits"},
                                            {"dme", "Pressure-redistributing mattress"},
                                            {"education", "Caregiver positioning education"}};
constexpr Problem kSpecialtyDrug[] = {
    {"M05.79",
     "Rheumatoid arthritis with rheumatoid factor of multiple sites without organ or systems "
     "involvement"},
    {"L40.0", "Psoriasis vulgaris"},
    {"K50.90", "Crohn's disease, unspecified, without complications"},
    {"G35", "Multiple sclerosis"},
    {"B18.2", "Chronic viral hepatitis C"}};
constexpr S kSpecialtyDrugGoals[] = {"Specialty drug started without interruption",
                                     "Adherence above 90% for six months"};
constexpr CarePlanItem kSpecialtyDrugItems[] = {
    {"medication-review", "Specialty drug adherence review"},
    {"education", "Self-injection training"},
    {"call", "Refill reminder call"}};
constexpr Problem kCancer[] = {
    {"C50.911", "Malignant neoplasm of unspecified site of right female breast"},
    {"C61", "Malignant neoplasm of prostate"},
    {"C18.9", "Malignant neoplasm of colon, unspecified"},
    {"C34.90", "Malignant neoplasm of unspecified part of unspecified bronchus or lung"},
    {"C90.00", "Multiple myeloma not having achieved remission"}};
constexpr S kCancerGoals[] = {"Complete 6 cycles of chemotherapy",
                              "Pain controlled at 3/10 or less",
                              "Start radiation therapy within 30 days"};
constexpr CarePlanItem kCancerItems[] = {
    {"medication-review", "Oral chemotherapy interaction review"},
    {"social-work", "Transportation to infusion center"},
    {"referral", "Palliative care consultation"},
    {"call", "Symptom check after each cycle"}};
constexpr Problem kComplication[] = {
    {"I50.9", "Heart failure, unspecified"},
    {"I50.22", "Chronic systolic (congestive) heart failure"},
    {"N18.4", "Chronic kidney disease, stage 4 (severe)"},
    {"I69.351",
     "Hemiplegia and hemiparesis following cerebral infarction affecting right dominant side"},
    {"I63.9", "Cerebral infarction, unspecified"}};
constexpr S kComplicationGoals[] = {"No heart failure readmission in 30 days",
                                    "Daily weight log kept by the member",
                                    "Regain independent transfers after stroke"};
constexpr CarePlanItem kComplicationItems[] = {{"call", "Post-discharge call within 48 hours"},
                                               {"home-health", "Physical therapy home visits"},
                                               {"dme", "Home scale and blood pressure monitor"},
                                               {"education", "Low-sodium diet education"}};
constexpr Problem kVentilator[] = {{"Z99.11", "Dependence on respirator [ventilator] status"},
                                   {"J96.11", "Chronic respiratory failure with hypoxia"},
                                   {"G12.21", "Amyotrophic lateral sclerosis"}};
constexpr S kVentilatorGoals[] = {"No ventilator-associated readmission in 90 days",
                                  "Caregiver trained in tracheostomy care"};
constexpr CarePlanItem kVentilatorItems[] = {{"dme", "Home ventilator supplies"},
                                             {"home-health", "Respiratory therapist home visits"},
                                             {"education", "Emergency power plan for ventilator"}};

constexpr CareCategory kCareCategories[] = {
    {"ESRD", kEsrd, kEsrdGoals, kEsrdItems,
     "Paciente en hemodiálisis tres veces por semana; se coordina evaluación para fístula.",
     "Member on hemodialysis three times a week; fistula evaluation being coordinated."},
    {"TRANSPLANT", kTransplant, kTransplantGoals, kTransplantItems,
     "Afiliado en evaluación para trasplante; se coordinan citas con el centro de trasplantes.",
     "Member under transplant evaluation; visits with the transplant center being coordinated."},
    {"US_SERVICES", kUsServices, kUsServicesGoals, kUsServicesItems,
     "El servicio no está disponible en Puerto Rico; se coordina viaje y alojamiento en Estados "
     "Unidos.",
     "Service not available in Puerto Rico; travel and lodging in the United States being "
     "arranged."},
    {"MULTI_CHRONIC", kMultiChronic, kMultiChronicGoals, kMultiChronicItems,
     "Afiliada con múltiples condiciones crónicas; se revisan los medicamentos con su médico "
     "primario.",
     "Member with multiple chronic conditions; medications being reviewed with the primary care "
     "physician."},
    {"SKIN_ULCER", kSkinUlcer, kSkinUlcerGoals, kSkinUlcerItems,
     "Úlcera por presión en región sacra; enfermera de heridas visita el hogar dos veces por "
     "semana.",
     "Sacral pressure ulcer; wound care nurse visits the home twice a week."},
    {"SPECIALTY_DRUG", kSpecialtyDrug, kSpecialtyDrugGoals, kSpecialtyDrugItems,
     "Inicia medicamento especializado; se coordina con la farmacia especializada.",
     "Starting a specialty drug; coordinating with the specialty pharmacy."},
    {"CANCER", kCancer, kCancerGoals, kCancerItems,
     "Afiliada en quimioterapia activa; se coordina transporte al centro de infusión.",
     "Member in active chemotherapy; transportation to the infusion center being coordinated."},
    {"CHRONIC_COMPLICATION", kComplication, kComplicationGoals, kComplicationItems,
     "Alta reciente por insuficiencia cardíaca; seguimiento telefónico semanal.",
     "Recent discharge for heart failure; weekly follow-up calls."},
    {"VENTILATOR", kVentilator, kVentilatorGoals, kVentilatorItems,
     "Afiliado dependiente de ventilador en el hogar; se verifica el plan de emergencia eléctrica.",
     "Member dependent on a home ventilator; emergency power plan being verified."}};

constexpr S kReferralSources[] = {"UM",  "claims", "hospital-discharge",
                                  "pcp", "self",   "health-risk-assessment"};
constexpr S kUsReasons[] = {
    "Transplant evaluation not available in Puerto Rico",
    "Pediatric cardiac surgery not available in Puerto Rico",
    "CAR-T cell therapy not available in Puerto Rico",
    "Proton beam therapy not available in Puerto Rico",
    "Treating oncologist requests a national cancer center for a rare tumor",
    "Member temporarily residing in the United States with an urgent need"};

// --- prior authorization ---------------------------------------------------------------
constexpr S kNoModifiers[] = {""};
constexpr S kSideModifiers[] = {"RT", "LT", ""};
constexpr S kRentalModifiers[] = {"RR"};
constexpr S kNewModifiers[] = {"NU", ""};
constexpr S kImagingModifiers[] = {"26", "TC", ""};
constexpr S kBilateralModifiers[] = {"50", ""};

constexpr Service kAdmission[] = {
    {"CPT", "99223", "initial inpatient hospital care", kNoModifiers, "DA", 2, 7, "21"},
    {"CPT", "27447", "total knee arthroplasty", kSideModifiers, "UN", 1, 1, "21"},
    {"CPT", "33533", "coronary artery bypass graft", kNoModifiers, "UN", 1, 1, "21"},
    {"CPT", "50360", "kidney transplant", kNoModifiers, "UN", 1, 1, "21"},
    {"CPT", "47135", "liver transplant", kNoModifiers, "UN", 1, 1, "21"}};
constexpr Service kOutpatient[] = {
    {"CPT", "45378", "diagnostic colonoscopy", kNoModifiers, "UN", 1, 1, "22"},
    {"CPT", "70553", "MRI of the brain with and without contrast", kImagingModifiers, "UN", 1, 1,
     "22"},
    {"CPT", "93458", "left heart catheterization", kNoModifiers, "UN", 1, 1, "22"},
    {"CPT", "29881", "knee arthroscopy with meniscectomy", kSideModifiers, "UN", 1, 1, "24"},
    {"CPT", "66984", "cataract surgery with lens implant", kSideModifiers, "UN", 1, 1, "24"},
    {"CPT", "96413", "chemotherapy infusion", kNoModifiers, "UN", 1, 6, "22"},
    {"CPT", "69436", "tympanostomy", kBilateralModifiers, "UN", 1, 1, "24"}};
constexpr Service kReferral[] = {
    {"CPT", "99204", "new patient specialist visit", kNoModifiers, "VS", 1, 1, "11"},
    {"CPT", "99244", "office consultation", kNoModifiers, "VS", 1, 1, "11"},
    {"CPT", "99214", "follow-up specialist visits", kNoModifiers, "VS", 2, 6, "11"}};
constexpr Service kDme[] = {
    {"HCPCS", "E0466", "home ventilator rental", kRentalModifiers, "MO", 3, 12, "12"},
    {"HCPCS", "E0601", "CPAP device rental", kRentalModifiers, "MO", 3, 10, "12"},
    {"HCPCS", "K0823", "power wheelchair", kNewModifiers, "UN", 1, 1, "12"},
    {"HCPCS", "E0260", "semi-electric hospital bed rental", kRentalModifiers, "MO", 3, 12, "12"},
    {"HCPCS", "E1390", "oxygen concentrator rental", kRentalModifiers, "MO", 3, 12, "12"},
    {"HCPCS", "A4618", "breathing circuits", kNoModifiers, "UN", 6, 24, "12"}};
constexpr Service kHomeHealth[] = {
    {"HCPCS", "G0299", "skilled nursing home visits", kNoModifiers, "VS", 6, 24, "12"},
    {"HCPCS", "G0151", "physical therapy home visits", kNoModifiers, "VS", 6, 18, "12"},
    {"HCPCS", "G0152", "occupational therapy home visits", kNoModifiers, "VS", 4, 12, "12"},
    {"HCPCS", "G0156", "home health aide visits", kNoModifiers, "VS", 8, 30, "12"}};
constexpr Service kSpecialtyDrugServices[] = {
    {"HCPCS", "J9355", "trastuzumab infusions", kNoModifiers, "UN", 4, 18, "22"},
    {"HCPCS", "J0897", "denosumab injections", kNoModifiers, "UN", 1, 4, "11"},
    {"HCPCS", "J1745", "infliximab infusions", kNoModifiers, "UN", 3, 12, "22"},
    {"HCPCS", "J2350", "ocrelizumab infusions", kNoModifiers, "UN", 2, 4, "22"},
    {"HCPCS", "J9299", "nivolumab infusions", kNoModifiers, "UN", 4, 24, "22"}};

constexpr Problem kAdmissionDx[] = {
    {"I21.4", "Non-ST elevation myocardial infarction"},
    {"M17.11", "Unilateral primary osteoarthritis, right knee"},
    {"N18.6", "End stage renal disease"},
    {"K74.60", "Unspecified cirrhosis of liver"},
    {"I25.10", "Atherosclerotic heart disease of native coronary artery"}};
constexpr Problem kOutpatientDx[] = {{"K63.5", "Polyp of colon"},
                                     {"G43.909", "Migraine, unspecified"},
                                     {"H25.11", "Age-related nuclear cataract, right eye"},
                                     {"M23.211", "Derangement of anterior horn of medial meniscus"},
                                     {"C18.9", "Malignant neoplasm of colon, unspecified"}};
constexpr Problem kReferralDx[] = {{"E11.65", "Type 2 diabetes mellitus with hyperglycemia"},
                                   {"I50.9", "Heart failure, unspecified"},
                                   {"G20", "Parkinson's disease"},
                                   {"N18.4", "Chronic kidney disease, stage 4"}};
constexpr Problem kDmeDx[] = {{"Z99.11", "Dependence on respirator"},
                              {"G47.33", "Obstructive sleep apnea"},
                              {"J96.11", "Chronic respiratory failure with hypoxia"},
                              {"G12.21", "Amyotrophic lateral sclerosis"}};
constexpr Problem kHomeHealthDx[] = {{"I50.9", "Heart failure, unspecified"},
                                     {"L89.154", "Pressure ulcer of sacral region, stage 4"},
                                     {"I69.351", "Hemiplegia following cerebral infarction"}};
constexpr Problem kSpecialtyDrugDx[] = {{"C50.911", "Malignant neoplasm of right female breast"},
                                        {"M05.79", "Rheumatoid arthritis with rheumatoid factor"},
                                        {"G35", "Multiple sclerosis"},
                                        {"M81.0", "Age-related osteoporosis"},
                                        {"C34.90", "Malignant neoplasm of lung"}};

constexpr RequestKind kRequestKinds[] = {
    {"admission", kAdmission, kAdmissionDx},
    {"outpatient", kOutpatient, kOutpatientDx},
    {"referral", kReferral, kReferralDx},
    {"dme", kDme, kDmeDx},
    {"home-health", kHomeHealth, kHomeHealthDx},
    {"specialty-drug", kSpecialtyDrugServices, kSpecialtyDrugDx}};

constexpr DenialReason kDenialReasons[] = {
    {"MN-01", "Not medically necessary: the submitted clinical notes do not support ", "."},
    {"NC-02", "Not a covered benefit under the member's plan: ", "."},
    {"ID-03", "Insufficient documentation for ",
     ": recent clinical notes and test results were not submitted."},
    {"OON-04", "Available from in-network providers in Puerto Rico: ",
     "; the out-of-network request is not authorized."},
    {"DUP-05", "Duplicate request: an authorization for ", " already covers these dates."}};

constexpr S kCareStatuses[] = {"referred", "active", "on-hold", "completed", "opted-out"};
constexpr S kGoalStatuses[] = {"proposed", "in-progress", "achieved", "cancelled"};
constexpr S kInterventionStatuses[] = {"scheduled", "in-progress", "completed", "cancelled"};
constexpr S kInterventionKinds[] = {"call",        "education",         "referral",   "dme",
                                    "home-health", "medication-review", "social-work"};
constexpr S kContactChannels[] = {"phone", "in-person", "video", "letter", "text"};
constexpr S kContactOutcomes[] = {"reached", "no-answer", "left-message", "wrong-number"};

}  // namespace

#define GW_SYNTH_WORDS(fn, array)     \
  const Words& fn() {                 \
    static const Words kWords(array); \
    return kWords;                    \
  }

GW_SYNTH_WORDS(MaleGivenNames, kMaleGiven)
GW_SYNTH_WORDS(FemaleGivenNames, kFemaleGiven)
GW_SYNTH_WORDS(MaleMiddleNames, kMaleMiddle)
GW_SYNTH_WORDS(FemaleMiddleNames, kFemaleMiddle)
GW_SYNTH_WORDS(Surnames, kSurnames)
GW_SYNTH_WORDS(UsMaleGivenNames, kUsMaleGiven)
GW_SYNTH_WORDS(UsFemaleGivenNames, kUsFemaleGiven)
GW_SYNTH_WORDS(UsSurnames, kUsSurnames)
GW_SYNTH_WORDS(Urbanizaciones, kUrbanizaciones)
GW_SYNTH_WORDS(PrStreets, kPrStreets)
GW_SYNTH_WORDS(UsStreets, kUsStreets)
GW_SYNTH_WORDS(PrNetworks, kPrNetworks)
GW_SYNTH_WORDS(ReferralSources, kReferralSources)
GW_SYNTH_WORDS(UsReasons, kUsReasons)
GW_SYNTH_WORDS(CareStatuses, kCareStatuses)
GW_SYNTH_WORDS(GoalStatuses, kGoalStatuses)
GW_SYNTH_WORDS(InterventionStatuses, kInterventionStatuses)
GW_SYNTH_WORDS(InterventionKinds, kInterventionKinds)
GW_SYNTH_WORDS(ContactChannels, kContactChannels)
GW_SYNTH_WORDS(ContactOutcomes, kContactOutcomes)
#undef GW_SYNTH_WORDS

std::span<const Municipio> Municipios() { return kMunicipios; }
std::span<const UsCity> UsCities() { return kUsCities; }
std::span<const Plan> Plans() { return kPlans; }
std::span<const EmployerGroup> EmployerGroups() { return kGroups; }
std::span<const Specialty> PrimaryCareSpecialties() { return kPrimaryCare; }
std::span<const Specialty> Specialists() { return kSpecialists; }
std::span<const Organization> PrHospitals() { return kPrHospitals; }
std::span<const Organization> PrAncillaries() { return kPrAncillaries; }
std::span<const Organization> UsHospitals() { return kUsHospitals; }
std::span<const CareCategory> CareCategories() { return kCareCategories; }
std::span<const RequestKind> RequestKinds() { return kRequestKinds; }
std::span<const DenialReason> DenialReasons() { return kDenialReasons; }

}  // namespace gw::synth
