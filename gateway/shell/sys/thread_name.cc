#include "gateway/shell/sys/thread_name.h"

#include <pthread.h>

#include <string>

namespace gw::shell {

void NameThisThread(std::string_view name) {
#if defined(__linux__)
  std::string cut(name.substr(0, 15));
  (void)pthread_setname_np(pthread_self(), cut.c_str());
#else
  (void)name;
#endif
}

}  // namespace gw::shell
