#define BOOST_TEST_MODULE sys
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gateway/shell/sys/buffered_line_writer.h"

namespace {

using gw::shell::BufferedLineWriter;
using gw::shell::BufferedLineWriterOptions;

// A temporary file the writer appends to; read back after the writer is gone.
struct TempFile {
  std::string path;
  int fd = -1;
  TempFile() {
    char name[] = "/tmp/gw-line-writer-XXXXXX";
    fd = mkstemp(name);
    path = name;
  }
  ~TempFile() {
    if (fd >= 0) close(fd);
    unlink(path.c_str());
  }
  std::string Read() const {
    std::string out;
    int in = open(path.c_str(), O_RDONLY);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    close(in);
    return out;
  }
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lines_of_concurrent_writers_arrive_whole_and_in_each_writers_order) {
  TempFile file;
  constexpr int kThreads = 4;
  constexpr int kLines = 20000;
  {
    BufferedLineWriterOptions options;
    options.flush_bytes = 4096;  // many flushes while the writers run
    BufferedLineWriter writer(file.fd, options);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&writer, t] {
        for (int i = 0; i < kLines; ++i) {
          writer.Write("writer " + std::to_string(t) + " line " + std::to_string(i) + "\n");
        }
      });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(writer.dropped() == 0u);
  }  // the destructor writes what is pending
  std::vector<std::string> lines = Lines(file.Read());
  BOOST_TEST(lines.size() == static_cast<std::size_t>(kThreads * kLines));
  std::map<int, int> next;
  bool whole_and_ordered = true;
  for (const std::string& line : lines) {
    int t = -1, i = -1;
    if (std::sscanf(line.c_str(), "writer %d line %d", &t, &i) != 2 || i != next[t]) {
      whole_and_ordered = false;
      break;
    }
    ++next[t];
  }
  BOOST_TEST(whole_and_ordered);
}

BOOST_AUTO_TEST_CASE(flush_writes_pending_lines_at_once) {
  TempFile file;
  BufferedLineWriterOptions options;
  options.interval = std::chrono::milliseconds(60000);  // the thread would not write for a minute
  BufferedLineWriter writer(file.fd, options);
  writer.Write("first\n");
  writer.Write("second\n");
  BOOST_TEST(file.Read().empty());
  writer.Flush();
  BOOST_TEST(file.Read() == "first\nsecond\n");
}

BOOST_AUTO_TEST_CASE(lines_past_the_memory_bound_are_dropped_counted_and_reported) {
  TempFile file;
  {
    BufferedLineWriterOptions options;
    options.interval = std::chrono::milliseconds(60000);
    options.flush_bytes = 1 << 20;
    options.max_bytes = 100;  // room for 3 lines of 30 bytes
    BufferedLineWriter writer(file.fd, options);
    const std::string line(29, 'x');
    for (int i = 0; i < 10; ++i) writer.Write(line + "\n");
    BOOST_TEST(writer.dropped() == 7u);
    writer.Flush();
    writer.Write("after\n");
  }
  std::vector<std::string> lines = Lines(file.Read());
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  BOOST_TEST(lines[3] == "(7 log lines dropped)");
  BOOST_TEST(lines[4] == "after");
}

BOOST_AUTO_TEST_CASE(a_closed_descriptor_does_not_stop_the_writer) {
  int fds[2];
  BOOST_TEST_REQUIRE(pipe(fds) == 0);
  close(fds[0]);  // nobody reads: write(2) fails with EPIPE (SIGPIPE ignored below)
  signal(SIGPIPE, SIG_IGN);
  {
    BufferedLineWriter writer(fds[1]);
    writer.Write("lost\n");
    writer.Flush();
    writer.Write("lost too\n");
  }
  close(fds[1]);
  BOOST_TEST(true);  // reached: neither Flush nor the destructor hung or threw
}
