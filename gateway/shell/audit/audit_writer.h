// AuditWriter: stores AuditEvent resources durably in the ResourceStore with group commit —
// Record() returns once the event's store transaction has committed, and the events of all
// requests waiting at that moment share one transaction (one fsync), so auditing every request
// costs a fraction of a commit each under load.
// A failed commit fails every Record() of its batch (the caller answers 503; nothing is served
// without its audit record). Stop() (also the destructor) commits what is queued and ends the
// writer thread; Record() after Stop() fails.
// Thread safety: Record() may be called from any number of threads. The store must outlive the
// writer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/ports/resource_store.h"

namespace gw::shell {

class AuditWriter {
 public:
  explicit AuditWriter(ports::ResourceStore& store, std::size_t max_batch = 512);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  Status Record(json::Value audit_event);
  void Stop();

  std::uint64_t committed() const;
  std::uint64_t batches() const;

 private:
  struct Pending;
  void Run();

  ports::ResourceStore& store_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::uint64_t committed_ = 0;
  std::uint64_t batches_ = 0;
  std::thread thread_;
};

}  // namespace gw::shell
