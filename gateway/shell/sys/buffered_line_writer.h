// BufferedLineWriter: whole text lines to a file descriptor (the access log on stderr) without a
// system call per line. Lines are appended to a buffer under a lock and a background thread
// writes the buffer every `interval`, or sooner once it holds `flush_bytes`. A line is never
// split or interleaved with another. Serving never waits for the log: when the descriptor cannot
// keep up and `max_bytes` are pending, further lines are dropped and counted, and the next write
// reports how many were lost. The destructor writes what is pending.
// Thread safety: Write from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace gw::shell {

struct BufferedLineWriterOptions {
  std::chrono::milliseconds interval{100};
  std::size_t flush_bytes = 64 * 1024;
  std::size_t max_bytes = 8 * 1024 * 1024;
};

class BufferedLineWriter {
 public:
  explicit BufferedLineWriter(int fd, BufferedLineWriterOptions options = {});
  ~BufferedLineWriter();
  BufferedLineWriter(const BufferedLineWriter&) = delete;
  BufferedLineWriter& operator=(const BufferedLineWriter&) = delete;

  // `line` should end with '\n'.
  void Write(std::string_view line);
  // Writes what is pending now (the calling thread waits for it).
  void Flush();

  std::uint64_t dropped() const;

 private:
  void Run();
  void WriteOut(std::string& out);

  int fd_;
  BufferedLineWriterOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::string pending_;
  std::uint64_t dropped_ = 0;        // since the last report
  std::uint64_t dropped_total_ = 0;
  bool stopping_ = false;
  std::mutex write_mu_;  // one writer of the descriptor at a time (thread or Flush)
  std::thread thread_;
};

}  // namespace gw::shell
