// NameThisThread: gives the calling thread a name that `top -H`, `ps -L`, perf and
// /proc/PID/task/*/comm show, so an operator (and the server benchmark) can tell the network
// threads from the audit journal and indexer. Linux keeps at most 15 bytes; longer names are cut.
// Elsewhere it does nothing. Thread safety: affects the calling thread only.
#pragma once

#include <string_view>

namespace gw::shell {

void NameThisThread(std::string_view name);

}  // namespace gw::shell
