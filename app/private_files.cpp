#include "app/private_files.h"

#include <system_error>

// Both macros come from app/CMakeLists.txt: paths relative to the directory of bin/pindex.
#ifndef PINDEX_WINDOW_PROGRAM
#error "PINDEX_WINDOW_PROGRAM must name the window program relative to the pindex executable"
#endif
#ifndef PINDEX_KEYCHAIN_MODULE
#error "PINDEX_KEYCHAIN_MODULE must name the keychain module relative to the pindex executable"
#endif

namespace pindex::app {
namespace {

std::filesystem::path besideExecutable(const char* relative)
{
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    // Without /proc the relative path stays relative; opening it then fails with its name.
    const auto directory = error ? std::filesystem::path(".") : executable.parent_path();
    return (directory / relative).lexically_normal();
}

} // namespace

std::filesystem::path windowProgramPath()
{
    return besideExecutable(PINDEX_WINDOW_PROGRAM);
}

std::filesystem::path keychainModulePath()
{
    return besideExecutable(PINDEX_KEYCHAIN_MODULE);
}

} // namespace pindex::app
