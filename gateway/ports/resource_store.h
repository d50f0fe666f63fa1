// ResourceStore: the port through which the gateway keeps FHIR resources, their versions and
// their search indexes. Implementations: SqliteResourceStore (embedded, one file) and a
// PostgreSQL store; both pass the same test suite (tests/unit/store).
//
// Versions. Every write makes a new version of one resource: versionId 1, 2, 3... per resource,
// lastUpdated from the store's Clock (milliseconds; one instant for all writes of a
// transaction), and the exact JSON text with "id", "meta.versionId" and "meta.lastUpdated" set by
// the store (StampResource; other members, including decimals such as 1.50, keep their exact
// text). A delete writes a deletion marker version (deleted = true, no text); the history keeps
// every version, and an update after a delete brings the resource back with the next versionId.
//
// Search indexes. The store computes the entries of each version with the search::IndexExtractor
// it was built with and writes them in the same database transaction as the version; only the
// current, non-deleted version of a resource is searchable.
//
// Outcomes versus errors. Expected outcomes (a stale If-Match, a taken id, a conditional create
// that matched) are WriteOutcome values of an OK result. A non-OK Status means the call failed:
// kInvalidArgument (not a resource, unknown resource type, bad id, id mismatch, malformed cursor
// or an unknown search parameter), kNotFound (Read/VRead of a resource or version that never
// existed), kIo/kInternal (database failure; nothing was written).
//
// Thread safety: every method may be called concurrently from any thread. Lifetimes: requests
// point to caller-owned trees that must stay alive during the call only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/search/search_query.h"

namespace gw::ports {

// One stored version of a resource.
struct ResourceVersion {
  std::string resource_type;
  std::string id;
  std::int64_t version_id = 0;       // 1, 2, ... per resource
  std::int64_t last_updated_ms = 0;  // milliseconds since 1970-01-01T00:00:00Z
  bool deleted = false;              // a deletion marker; `json` is empty
  std::string json;                  // the stored text (id and meta stamped)
};

enum class WriteOutcome : std::uint8_t {
  kCreated,          // a new resource (create, create-on-update, update after delete)
  kUpdated,          // a new version of an existing resource
  kDeleted,          // a deletion marker was written
  kAlreadyDeleted,   // delete of a deleted or unknown resource: nothing written
  kExisting,         // conditional create: one resource matched; `version` is it, unchanged
  kVersionConflict,  // If-Match did not name the current version (HTTP 412)
  kIdTaken,          // create with an explicit id that already exists (HTTP 409)
  kNotFound,         // update with allow_create = false of an unknown or deleted resource
  kMultipleMatches,  // conditional create: more than one resource matched (HTTP 412)
};

// True for the outcomes after which nothing was written and a transaction is rolled back.
inline bool IsFailure(WriteOutcome o) {
  return o == WriteOutcome::kVersionConflict || o == WriteOutcome::kIdTaken ||
         o == WriteOutcome::kNotFound || o == WriteOutcome::kMultipleMatches;
}

struct WriteResult {
  WriteOutcome outcome = WriteOutcome::kCreated;
  // The version written (kCreated, kUpdated, kDeleted), the matched one (kExisting), or the
  // current version when there is one (kVersionConflict, kIdTaken; deleted = true when the
  // current version is a deletion). Empty otherwise.
  ResourceVersion version;
};

struct CreateRequest {
  const json::Value* resource = nullptr;  // a resource object; its "id" is replaced
  // The new resource's id; "" = the store's IdGenerator picks one. An id that exists (even
  // deleted) gives kIdTaken.
  std::string id;
  // Conditional create (If-None-Exist): evaluated in the same atomic step as the insert, so
  // concurrent conditional creates with the same criteria make exactly one resource. The
  // query's resource_type must be the resource's type; count, sort and cursor are ignored.
  std::optional<search::SearchQuery> if_none_exist;
};

struct UpdateRequest {
  const json::Value* resource = nullptr;  // its resourceType and "id" (if present) must match
  std::string resource_type;
  std::string id;
  std::optional<std::int64_t> if_match;  // expected current versionId
  bool allow_create = true;              // create-on-update (client-assigned id)
};

struct DeleteRequest {
  std::string resource_type;
  std::string id;
  std::optional<std::int64_t> if_match;
};

using WriteOp = std::variant<CreateRequest, UpdateRequest, DeleteRequest>;

struct TransactionResult {
  bool committed = false;
  // When not committed: the index of the op whose outcome failed (IsFailure), and nothing of
  // the transaction was written.
  std::size_t failed_index = 0;
  // One result per op when committed; up to and including the failed op otherwise.
  std::vector<WriteResult> results;
};

struct HistoryQuery {
  std::string resource_type;             // "" = the whole system
  std::string id;                        // "" = every resource of the type
  std::optional<std::int64_t> since_ms;  // versions with lastUpdated >= since
  std::size_t count = 50;
  std::string cursor;  // HistoryPage::next_cursor, "" = first page
};

struct HistoryPage {
  std::vector<ResourceVersion> versions;  // newest first
  std::string next_cursor;                // "" when this is the last page
  std::optional<std::int64_t> total;      // every matching version (first page only)
};

struct SearchPage {
  std::vector<ResourceVersion> resources;
  // Opaque; "" when this is the last page. It pins a snapshot: resources created after the
  // first page are not returned by later pages, and no resource is returned twice or skipped
  // because of concurrent creates or deletes (an update may change a sort value: such a
  // resource appears where its values sorted when its page was read).
  std::string next_cursor;
  std::optional<std::int64_t> total;  // when SearchQuery::total is set (every page)
};

class ResourceStore {
 public:
  virtual ~ResourceStore() = default;

  virtual Result<WriteResult> Create(const CreateRequest& request) = 0;
  virtual Result<WriteResult> Update(const UpdateRequest& request) = 0;
  virtual Result<WriteResult> Delete(const DeleteRequest& request) = 0;
  // All ops commit together or none does. Ops see the writes of earlier ops of the same
  // transaction (an update after a create of the same id updates it).
  virtual Result<TransactionResult> Transaction(std::span<const WriteOp> ops) = 0;

  // The current version (deleted = true when it is a deletion marker). kNotFound when the
  // resource never existed.
  virtual Result<ResourceVersion> Read(std::string_view resource_type, std::string_view id) = 0;
  // One version. kNotFound when the resource or the version does not exist.
  virtual Result<ResourceVersion> VRead(std::string_view resource_type, std::string_view id,
                                        std::int64_t version_id) = 0;
  virtual Result<HistoryPage> History(const HistoryQuery& query) = 0;
  virtual Result<SearchPage> Search(const search::SearchQuery& query) = 0;
};

}  // namespace gw::ports
