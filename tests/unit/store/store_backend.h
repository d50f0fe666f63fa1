// The store test suite (store_suite.cc) is written once against ports::ResourceStore; each
// backend links it with its own StoreBackend (sqlite_backend.cc, and later a PostgreSQL one)
// into its own test program.
#pragma once

#include <memory>
#include <string>

#include "gateway/core/search/index_extractor.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/id_generator.h"
#include "gateway/ports/resource_store.h"

namespace gw::store::testing {

class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  virtual std::string Name() const = 0;
  // An empty database and a store on it. Errors: the backend cannot run here (the suite
  // reports GW_SKIPPED) or failed.
  virtual Result<std::unique_ptr<ports::ResourceStore>> OpenFresh(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) = 0;
  // A second store on the database of the last OpenFresh() (as after a restart).
  virtual Result<std::unique_ptr<ports::ResourceStore>> Reopen(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) = 0;
};

// Defined by each backend's test program.
StoreBackend& Backend();

}  // namespace gw::store::testing
