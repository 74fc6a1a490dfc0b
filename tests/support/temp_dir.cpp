#include "tests/support/temp_dir.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unistd.h>

namespace pindex::test {

TempDir::TempDir(std::string_view prefix)
{
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" + std::string(prefix) + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("cannot create a temporary directory from " + pattern);
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

void copyTree(const std::filesystem::path& source, const std::filesystem::path& destination)
{
    namespace fs = std::filesystem;
    if (fs::is_directory(source))
        fs::copy(source, destination, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    else
        fs::copy_file(source, destination, fs::copy_options::overwrite_existing);
}

} // namespace pindex::test
