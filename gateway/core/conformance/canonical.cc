#include "gateway/core/conformance/canonical.h"

#include <cstdint>

namespace gw::conformance {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int CompareNumbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Next part of a version and the separator that ended it ('\0' at the end).
std::string_view NextPart(std::string_view* s, char* sep) {
  std::size_t i = 0;
  while (i < s->size() && (*s)[i] != '.' && (*s)[i] != '-' && (*s)[i] != '+') ++i;
  std::string_view part = s->substr(0, i);
  *sep = i < s->size() ? (*s)[i] : '\0';
  s->remove_prefix(i < s->size() ? i + 1 : i);
  return part;
}

}  // namespace

CanonicalRef SplitCanonical(std::string_view canonical) {
  CanonicalRef ref;
  std::size_t hash = canonical.find('#');
  if (hash != std::string_view::npos) {
    ref.fragment = canonical.substr(hash + 1);
    canonical = canonical.substr(0, hash);
  }
  std::size_t bar = canonical.find('|');
  if (bar != std::string_view::npos) {
    ref.version = canonical.substr(bar + 1);
    canonical = canonical.substr(0, bar);
  }
  ref.url = canonical;
  return ref;
}

int CompareVersions(std::string_view a, std::string_view b) {
  bool a_pre = false, b_pre = false;  // inside a pre-release label ("-ballot")
  while (!a.empty() || !b.empty()) {
    if (a.empty() || b.empty()) {
      // "1.0.0" vs "1.0.0-ballot": the release is higher; "1.0" vs "1.0.1": the longer is higher.
      bool a_longer = !a.empty();
      bool longer_is_pre = a_longer ? a_pre : b_pre;
      int r = longer_is_pre ? -1 : 1;
      return a_longer ? r : -r;
    }
    char sa = 0, sb = 0;
    std::string_view pa = NextPart(&a, &sa);
    std::string_view pb = NextPart(&b, &sb);
    int c;
    if (IsDigits(pa) && IsDigits(pb)) {
      c = CompareNumbers(pa, pb);
    } else {
      int t = pa.compare(pb);
      c = t < 0 ? -1 : (t > 0 ? 1 : 0);
    }
    if (c != 0) return c;
    if (sa == '-') a_pre = true;
    if (sb == '-') b_pre = true;
  }
  return 0;
}

bool VersionMatches(std::string_view wanted, std::string_view actual) {
  if (wanted == actual) return true;
  if (wanted.empty() || actual.size() <= wanted.size()) return false;
  return actual.substr(0, wanted.size()) == wanted && actual[wanted.size()] == '.';
}

}  // namespace gw::conformance
