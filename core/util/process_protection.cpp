#include "core/util/process_protection.h"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace pindex {

bool disableCoreDumps()
{
    // RLIMIT_CORE 0 stops core files; not dumpable also stops core_pattern pipes (systemd-coredump,
    // apport), ptrace attaches and /proc/PID/mem reads by the same user.
    const rlimit none{0, 0};
    const bool limited = ::setrlimit(RLIMIT_CORE, &none) == 0;
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return limited && undumpable;
}

} // namespace pindex
