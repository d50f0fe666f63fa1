// Date transforms: usDate(), isoDate(), localDateTime(). The feeds' zone-less times are
// Atlantic Standard Time (UTC-04:00, no daylight saving).
#include "gateway/core/mapping/issue_codes.h"
#include "gateway/core/mapping/transforms/register.h"
#include "gateway/core/mapping/transforms/transform_util.h"

namespace gw::mapping {
namespace {

using fhirpath::CallContext;
using fhirpath::Collection;
using fhirpath::Item;
using fhirpath::Precision;
using fhirpath::Temporal;
using fhirpath::TemporalKind;

constexpr int kFeedOffsetMinutes = -4 * 60;

int Num(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool ValidDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Item DateItem(int y, int m, int d) {
  Temporal t;
  t.kind = TemporalKind::kDate;
  t.precision = Precision::kDay;
  t.year = y;
  t.month = m;
  t.day = d;
  return Item::Time(t);
}

Status UsDate(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, in, "usDate()", &s));
  if (!s) return Status::Ok();
  std::string_view v = *s;
  if (v.size() != 10 || v[2] != '/' || v[5] != '/' || !transforms::AllDigits(v.substr(0, 2)) ||
      !transforms::AllDigits(v.substr(3, 2)) || !transforms::AllDigits(v.substr(6))) {
    return transforms::Fail(call, codes::kBadDate, "expected MM/DD/YYYY", in);
  }
  int m = Num(v.substr(0, 2)), d = Num(v.substr(3, 2)), y = Num(v.substr(6));
  if (!ValidDay(y, m, d)) return transforms::Fail(call, codes::kBadDate, "no such date", in);
  out->push_back(DateItem(y, m, d));
  return Status::Ok();
}

Status IsoDate(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, in, "isoDate()", &s));
  if (!s) return Status::Ok();
  std::string_view v = *s;
  if (v.size() != 10 || v[4] != '-' || v[7] != '-' || !transforms::AllDigits(v.substr(0, 4)) ||
      !transforms::AllDigits(v.substr(5, 2)) || !transforms::AllDigits(v.substr(8))) {
    return transforms::Fail(call, codes::kBadDate, "expected YYYY-MM-DD", in);
  }
  int y = Num(v.substr(0, 4)), m = Num(v.substr(5, 2)), d = Num(v.substr(8));
  if (!ValidDay(y, m, d)) return transforms::Fail(call, codes::kBadDate, "no such date", in);
  out->push_back(DateItem(y, m, d));
  return Status::Ok();
}

// "YYYY-MM-DDThh:mm" or "YYYY-MM-DDThh:mm:ss" without a zone.
Status LocalDateTime(CallContext& call, const Collection& in, Collection* out) {
  std::optional<std::string> s;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, in, "localDateTime()", &s));
  if (!s) return Status::Ok();
  std::string_view v = *s;
  bool shape = (v.size() == 16 || v.size() == 19) && v[4] == '-' && v[7] == '-' &&
               v[10] == 'T' && v[13] == ':' && (v.size() == 16 || v[16] == ':');
  if (shape) {
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u}) {
      if (v[i] < '0' || v[i] > '9') shape = false;
    }
    if (v.size() == 19 && !transforms::AllDigits(v.substr(17))) shape = false;
  }
  if (!shape) {
    return transforms::Fail(call, codes::kBadDateTime, "expected YYYY-MM-DDThh:mm:ss", in);
  }
  Temporal t;
  t.kind = TemporalKind::kDateTime;
  t.year = Num(v.substr(0, 4));
  t.month = Num(v.substr(5, 2));
  t.day = Num(v.substr(8, 2));
  t.hour = Num(v.substr(11, 2));
  t.minute = Num(v.substr(14, 2));
  t.second = v.size() == 19 ? Num(v.substr(17, 2)) : 0;
  t.precision = Precision::kSecond;
  t.tz_offset_minutes = kFeedOffsetMinutes;
  if (!ValidDay(t.year, t.month, t.day) || t.hour > 23 || t.minute > 59 || t.second > 59) {
    return transforms::Fail(call, codes::kBadDateTime, "no such time", in);
  }
  out->push_back(Item::Time(t));
  return Status::Ok();
}

}  // namespace

void RegisterDateTransforms(fhirpath::FunctionRegistry* r) {
  r->Add(transforms::MakeDef("usDate", 0, 0, &UsDate));
  r->Add(transforms::MakeDef("isoDate", 0, 0, &IsoDate));
  r->Add(transforms::MakeDef("localDateTime", 0, 0, &LocalDateTime));
}

}  // namespace gw::mapping
