#pragma once

// The cache of unpacked wheels, next to the artifact cache: `<root>/wheels-v1/<ab>/<sha256>/` holds
// `tree/` (the wheel's members, checked by unpackWheel) and `manifest` (the members with their
// RECORD hashes, sizes, modes and link targets). Installs link files out of `tree/`, so a warm
// sync never reads or inflates an archive.
//
// Invariants: an entry appears only complete (unpacked and checked in a private directory, then
// renamed into place); two processes adding the same wheel both succeed and one copy stays; the
// files under `tree/` are never modified in place (installs link them; rewritten scripts are
// copies).

#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "core/install/wheel_installer.h"
#include "core/util/error.h"

namespace pindex::install {

class UnpackedWheelCache
{
public:
    explicit UnpackedWheelCache(std::filesystem::path root);

    [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

    // The entry for a wheel file with this sha256 (lower-case hex), when present and readable.
    [[nodiscard]] std::optional<UnpackedWheel> find(std::string_view sha256) const;

    // Unpacks and checks the wheel at `archivePath` (named `fileName`, its content having this
    // sha256) into the cache.
    [[nodiscard]] Result<UnpackedWheel> add(std::string_view sha256, const std::filesystem::path& archivePath,
                                            const std::string& fileName,
                                            const WheelInstallOptions& limits = {},
                                            std::stop_token stop = {}) const;

private:
    [[nodiscard]] std::filesystem::path entryPath(std::string_view sha256) const;
    std::filesystem::path m_root;
};

} // namespace pindex::install
