// SQL for searches over the store's index tables, shared by the SQL stores. The dialect
// chooses the placeholders ("?N" for SQLite, "$N" for PostgreSQL) and how a page is held to
// its snapshot; everything else is common SQL. PostgreSQL declares every text column
// COLLATE "C", so text compares byte-wise as in SQLite.
//
// Tables (see sqlite_schema.h, postgres_schema.h): resource(rid, res_type, res_id, version,
// seq, created_seq | created_xid, last_updated, deleted), version(seq, rid, version,
// last_updated, deleted, json) and one index table per parameter type, idx_<type>(rid, pid, n,
// ...), where pid numbers a (resource type, parameter code) pair. The predicates implement the
// semantics documented in gateway/core/search/search_query.h.
//
// Paging is keyset based: rows are ordered by the sort values and then by rid, and a cursor
// holds the snapshot and the last row's sort values and rid. The snapshot bounds the resources
// a page may return: SQLite: created_seq <= the highest version sequence number when the first
// page was read (an integer); PostgreSQL: the resource's creating transaction (created_xid) is
// visible in the pg_snapshot text taken when the first page was read, or no bound when the
// snapshot is null.
// Errors: kInvalidArgument for an unknown or unsupported parameter, a predicate that does not fit
// the parameter's type, an unsupported sort, or a malformed cursor.
// Thread safety: SearchSql is immutable after construction and may be shared.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/search/search_param_registry.h"
#include "gateway/core/search/search_query.h"
#include "gateway/shell/store/sqlite_db.h"

namespace gw::shell {

enum class SqlDialect : std::uint8_t { kSqlite, kPostgres };

// Bound values of one statement; placeholders are "?N" or "$N" (`mark`, then the 1-based
// position in `values`).
struct SqlParams {
  std::vector<SqlValue> values;
  char mark = '?';
  std::string Add(SqlValue v);
};

struct PageCursor {
  std::int64_t snapshot = 0;  // created_seq <= snapshot
  std::int64_t last_rid = 0;
  std::vector<SqlValue> sort_values;  // one per sort key, as read from the last row
};

std::string EncodeCursor(const PageCursor& cursor);
Result<PageCursor> DecodeCursor(std::string_view text);

// The statements of one search.
struct SearchStatements {
  std::string page_sql;  // columns: rid, res_id, version, last_updated, json, s0..s(k-1)
  SqlParams page_params;
  std::string count_sql;  // one column: the number of matches (snapshot applied)
  SqlParams count_params;
  std::size_t sort_columns = 0;
};

class SearchSql {
 public:
  // `pid` maps (resource type, code) to the parameter's number; nullopt when the store has
  // none (then no resource has entries for it).
  using PidLookup =
      std::function<std::optional<std::int64_t>(std::string_view type, std::string_view code)>;
  SearchSql(const search::SearchParamRegistry& registry, PidLookup pid,
            SqlDialect dialect = SqlDialect::kSqlite)
      : registry_(registry), pid_(std::move(pid)), dialect_(dialect) {}

  // A page of `query` after `cursor` (nullopt: first page), reading at most `limit` rows.
  // `snapshot` bounds the resources (see above): SQLite: an integer (the cursor's, or the
  // current maximum for a first page); PostgreSQL: pg_snapshot text or null.
  Result<SearchStatements> Page(const search::SearchQuery& query,
                                const std::optional<PageCursor>& cursor, const SqlValue& snapshot,
                                std::int64_t limit) const;

  // Conditions (joined by AND, or TRUE when none) selecting rows of `resource` aliased `alias`
  // that match every clause of `query`. Appends bound values to `params` (whose `mark` must be
  // Placeholder()).
  Result<std::string> Where(const search::SearchQuery& query, std::string_view alias,
                            SqlParams* params, int depth = 0) const;

  // The placeholder mark of the dialect ('?' or '$').
  char Placeholder() const { return dialect_ == SqlDialect::kSqlite ? '?' : '$'; }

 private:
  Result<std::string> Clause(const search::SearchQuery& query, const search::SearchClause& clause,
                             std::string_view alias, SqlParams* params, int depth) const;
  Result<std::string> IndexPredicate(const search::SearchParam& param,
                                     const search::Predicate& predicate, SqlParams* params,
                                     int depth) const;

  const search::SearchParamRegistry& registry_;
  PidLookup pid_;
  SqlDialect dialect_;
};

}  // namespace gw::shell
