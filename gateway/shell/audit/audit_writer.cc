#include "gateway/shell/audit/audit_writer.h"

#include <utility>
#include <vector>

namespace gw::shell {

struct AuditWriter::Pending {
  json::Value event;
  bool done = false;
  Status status;
  std::condition_variable cv;
};

AuditWriter::AuditWriter(ports::ResourceStore& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch == 0 ? 1 : max_batch) {
  thread_ = std::thread([this] { Run(); });
}

AuditWriter::~AuditWriter() { Stop(); }

void AuditWriter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status AuditWriter::Record(json::Value audit_event) {
  auto p = std::make_shared<Pending>();
  p->event = std::move(audit_event);
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return Status(StatusCode::kFailedPrecondition, "the audit writer has stopped");
  queue_.push_back(p);
  wake_.notify_one();
  p->cv.wait(lock, [&] { return p->done; });
  return p->status;
}

void AuditWriter::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    std::vector<std::shared_ptr<Pending>> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    std::vector<ports::WriteOp> ops;
    ops.reserve(batch.size());
    for (const auto& p : batch) {
      ports::CreateRequest c;
      c.resource = &p->event;
      ops.emplace_back(std::move(c));
    }
    Result<ports::TransactionResult> r = store_.Transaction(ops);
    Status status = !r.ok()           ? r.status()
                    : !r->committed ? Internal("the audit transaction did not commit")
                                    : Status::Ok();
    lock.lock();
    if (status.ok()) committed_ += batch.size();
    ++batches_;
    for (const auto& p : batch) {
      p->status = status;
      p->done = true;
      p->cv.notify_one();
    }
  }
}

std::uint64_t AuditWriter::committed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return committed_;
}

std::uint64_t AuditWriter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

}  // namespace gw::shell
