// IdGenerator: the port that makes new logical ids for server-assigned resource ids.
// Contract: every call returns a fresh FHIR id ([A-Za-z0-9-.]{1,64}) that is unique with
// overwhelming probability across processes and restarts.
// Thread safety: implementations must be safe to call from any thread.
#pragma once

#include <string>

namespace gw::ports {

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  virtual std::string NewId() const = 0;
};

}  // namespace gw::ports
