#include "core/util/process_exit.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <vector>

namespace pindex::util {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

struct LeftObjects
{
    std::mutex mutex;
    std::vector<std::shared_ptr<void>> objects;
};

// Never destroyed: what it holds must outlive every static destructor.
LeftObjects& leftObjects()
{
    static auto* left = new LeftObjects;
    return *left;
}

} // namespace

void leaveForExit(std::shared_ptr<void> object)
{
    if (!object)
        return;
    auto& left = leftObjects();
    std::lock_guard lock(left.mutex);
    left.objects.push_back(std::move(object));
}

bool finishSkipsTeardown()
{
    return !kSanitized;
}

int finishProcess(int code)
{
    auto& left = leftObjects();
    std::unique_lock lock(left.mutex);
    if (left.objects.empty())
        return code;
    if (kSanitized) {
        auto objects = std::move(left.objects);
        lock.unlock();
        // Last left, first destroyed: an object may use those left before it.
        while (!objects.empty())
            objects.pop_back();
        return code;
    }
    std::cout.flush();
    std::cerr.flush();
    std::clog.flush();
    std::fflush(nullptr);
    std::_Exit(code);
}

} // namespace pindex::util
