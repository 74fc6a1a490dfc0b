#pragma once

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when the object dies.

#include <filesystem>
#include <string_view>

namespace pindex::test {

class TempDir
{
public:
    explicit TempDir(std::string_view prefix = "pindex-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// Copies a fixture directory or file into `destination` (tests never write into the source tree).
void copyTree(const std::filesystem::path& source, const std::filesystem::path& destination);

} // namespace pindex::test
