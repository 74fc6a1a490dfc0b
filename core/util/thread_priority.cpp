#include "core/util/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace pindex::util {

bool moveThisThreadToBackground()
{
#if defined(__linux__)
    // On Linux a nice value belongs to a thread: PRIO_PROCESS with a thread id changes that thread.
    constexpr int kLowest = 19;
    return ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kLowest) == 0;
#else
    return false;
#endif
}

} // namespace pindex::util
