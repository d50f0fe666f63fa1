#include "gateway/shell/sys/buffered_line_writer.h"

#include <unistd.h>

#include <cerrno>
#include <utility>

#include "gateway/shell/sys/thread_name.h"

namespace gw::shell {

BufferedLineWriter::BufferedLineWriter(int fd, BufferedLineWriterOptions options)
    : fd_(fd), options_(options) {
  pending_.reserve(options_.flush_bytes);
  thread_ = std::thread([this] { Run(); });
}

BufferedLineWriter::~BufferedLineWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  Flush();
}

void BufferedLineWriter::Write(std::string_view line) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_.size() + line.size() > options_.max_bytes) {
      ++dropped_;
      ++dropped_total_;
      return;
    }
    if (dropped_ != 0) {
      pending_.append("(").append(std::to_string(dropped_)).append(" log lines dropped)\n");
      dropped_ = 0;
    }
    std::size_t before = pending_.size();
    pending_.append(line);
    wake = before < options_.flush_bytes && pending_.size() >= options_.flush_bytes;
  }
  if (wake) wake_.notify_one();
}

void BufferedLineWriter::Flush() {
  std::lock_guard<std::mutex> writing(write_mu_);
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.swap(pending_);
  }
  WriteOut(out);
}

std::uint64_t BufferedLineWriter::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_total_;
}

void BufferedLineWriter::Run() {
  NameThisThread("gw-log");
  std::string out;
  out.reserve(options_.flush_bytes);
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, options_.interval,
                     [&] { return stopping_ || pending_.size() >= options_.flush_bytes; });
      if (stopping_) return;  // the destructor flushes
    }
    std::lock_guard<std::mutex> writing(write_mu_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      out.swap(pending_);
    }
    WriteOut(out);
    out.clear();
  }
}

void BufferedLineWriter::WriteOut(std::string& out) {
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the descriptor is gone: nothing more can be logged
    done += static_cast<std::size_t>(n);
  }
  out.clear();
}

}  // namespace gw::shell
