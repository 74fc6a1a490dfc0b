#pragma once

// LazyLibrary: a shared library opened on first use (dlopen) instead of at process start. libcurl,
// libarchive, libgit2 and libcrypto (with the ~40 libraries they pull in) cost a command several
// hundred page faults at start-up; a `pindex sync` with nothing to do needs none of them. Their
// functions are defined as forwarders (core/index/curl_functions.cpp, core/install/
// archive_functions.cpp, core/diff/git_functions.cpp, core/index/crypto_functions.cpp) that resolve
// the real function through a LazyLibrary on their first call.
//
// Invariants: the library is opened at most once per LazyLibrary (thread-safe); a library or
// function that cannot be found ends the process with a message naming it (the same outcome as
// the dynamic loader failing at start-up, which is what a missing dependency did before).

#include <atomic>
#include <mutex>

namespace pindex::util {

class LazyLibrary
{
public:
    // `soname`: the name the loader resolves, e.g. "libcurl.so.4" (see pindex_lazy_link in
    // core/CMakeLists.txt, which takes it from the library found at configure time).
    explicit constexpr LazyLibrary(const char* soname)
        : m_soname(soname)
    {}
    LazyLibrary(const LazyLibrary&) = delete;
    LazyLibrary& operator=(const LazyLibrary&) = delete;

    // The address of `name` in the library, opening it first if needed. Never null.
    [[nodiscard]] void* symbol(const char* name);

    // Whether the library is open in this process (for tests and diagnostics).
    [[nodiscard]] bool isOpen() const;

private:
    const char* m_soname;
    mutable std::once_flag m_once;
    std::atomic<void*> m_handle{nullptr};
};

// Resolves `name` in `library` once, as a pointer of the type of the declared function `name`.
// Used inside the forwarder of that function: `return PINDEX_LAZY_FUNCTION(curl, curl_easy_init)();`
#define PINDEX_LAZY_FUNCTION(library, name)                                                                  \
    ([]() {                                                                                                  \
        static const auto resolved = reinterpret_cast<decltype(&::name)>(library.symbol(#name));             \
        return resolved;                                                                                     \
    }())

} // namespace pindex::util
