// FakeCanonicalResolver: an in-memory ports::CanonicalResolver for terminology tests.
#pragma once

#include <boost/test/unit_test.hpp>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/value.h"
#include "gateway/ports/canonical_resolver.h"

namespace gw::terminology::testing {

inline json::Value Json(std::string_view text) {
  auto parsed = json::Parse(text);
  BOOST_TEST_REQUIRE(parsed.ok(), parsed.status().ToString());
  return std::move(parsed).value();
}

class FakeCanonicalResolver final : public ports::CanonicalResolver {
 public:
  // Adds a resource by its url (and url|version when it has a version).
  void Add(std::string_view text) {
    const json::Value& v = trees_.emplace_back(Json(text));
    const json::Value* url = v.Find("url");
    BOOST_TEST_REQUIRE((url != nullptr && url->is_string()));
    std::string key(url->string_value());
    if (const json::Value* version = v.Find("version"); version != nullptr) {
      by_canonical_[key + "|" + std::string(version->string_value())] = &v;
    }
    by_canonical_[key] = &v;
  }

  const json::Value* Resolve(std::string_view canonical) const override {
    canonical = canonical.substr(0, canonical.find('#'));
    auto it = by_canonical_.find(std::string(canonical));
    return it == by_canonical_.end() ? nullptr : it->second;
  }
  const json::Value* Resolve(std::string_view url, std::string_view version) const override {
    if (version.empty()) return Resolve(url);
    return Resolve(std::string(url) + "|" + std::string(version));
  }

 private:
  std::deque<json::Value> trees_;  // stable addresses
  std::map<std::string, const json::Value*> by_canonical_;
};

}  // namespace gw::terminology::testing
