# FHIRPath value types: Decimal, Temporal (Date/DateTime/Time) and Quantity with UCUM units.
gw_library(gw_fhirpath_values
  SRCS decimal.cc temporal.cc quantity.cc ucum_units.cc ucum_parse.cc ucum_canonical.cc
  DEPS gw_base)
