// BundleWriter: builds the JSON text of a response Bundle (searchset, history, batch- and
// transaction-response) with stored resources inserted verbatim — their exact text, decimals
// untouched, no re-serialisation.
// Usage: construct, then Total()/Link() (optional, in that order), then Entry()s, then Finish().
// Thread safety: one writer per response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::rest {

struct BundleEntryText {
  std::string_view full_url;       // "" = none
  std::string_view resource_json;  // stored JSON text of a resource, "" = none
  std::string_view search_mode;    // "match" | "include" | "outcome" | ""
  std::string_view request_method;  // history: "POST" | "PUT" | "DELETE", "" = none
  std::string_view request_url;
  std::string_view response_status;  // "201 Created", "" = no response element
  std::string_view response_location;
  std::string_view response_etag;
  std::string_view response_last_modified;  // instant text
  std::string_view response_outcome_json;   // an OperationOutcome's JSON text, "" = none
};

class BundleWriter {
 public:
  BundleWriter(std::string_view type, std::string_view id, std::string_view last_updated);

  void Total(std::int64_t total);
  void Link(std::string_view relation, std::string_view url);
  void Entry(const BundleEntryText& e);
  std::string Finish();

 private:
  enum class Part : std::uint8_t { kHead, kLinks, kEntries };
  void CloseLinks();

  std::string out_;
  Part part_ = Part::kHead;
  bool first_ = true;
};

}  // namespace gw::rest
