#include "core/util/lazy_library.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace pindex::util {

namespace {

[[noreturn]] void die(const char* what, const char* soname, const char* detail)
{
    std::fprintf(stderr, "pindex: cannot load %s from %s: %s\n", what, soname,
                 detail != nullptr ? detail : "unknown error");
    std::abort();
}

} // namespace

void* LazyLibrary::symbol(const char* name)
{
    std::call_once(m_once, [this] {
        // RTLD_LOCAL: the library's symbols stay out of the global scope, so they never interpose
        // on anything else the process loads.
        m_handle = ::dlopen(m_soname, RTLD_NOW | RTLD_LOCAL);
        if (m_handle == nullptr)
            die("the library", m_soname, ::dlerror());
    });
    void* address = ::dlsym(m_handle, name);
    if (address == nullptr)
        die(name, m_soname, ::dlerror());
    return address;
}

bool LazyLibrary::isOpen() const
{
    return m_handle != nullptr;
}

} // namespace pindex::util
