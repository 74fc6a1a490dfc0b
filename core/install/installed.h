#pragma once

// What a venv holds: its installed distributions (every `*.dist-info` in site-packages), the files
// each one's RECORD lists, and uninstalling one from its RECORD.
//
// Invariants: recordedFiles() returns only paths inside the venv's root (a RECORD entry pointing
// elsewhere is skipped, never touched); uninstall() removes nothing outside the venv.

#include <filesystem>
#include <string>
#include <vector>

#include "core/install/venv.h"
#include "core/util/error.h"

namespace pindex::install {

struct InstalledDistribution
{
    std::string name;    // canonical
    std::string version; // as METADATA gives it
    std::filesystem::path distInfo;
    std::string installer; // INSTALLER's first line, empty when absent
    bool requested = false;
    // From provenance_url.json (PEP 710), written by Pindex: the file it was installed from.
    std::string archiveUrl;
    std::string archiveSha256; // lower-case hex; empty when unknown
};

// Sorted by name. A dist-info without readable METADATA is reported by its directory name.
[[nodiscard]] Result<std::vector<InstalledDistribution>> listInstalled(const VenvLayout& venv);

// Absolute paths of the files RECORD lists (inside the venv only), with the `__pycache__` files of
// listed `.py` files, then the .dist-info directory itself last.
[[nodiscard]] Result<std::vector<std::filesystem::path>> recordedFiles(const std::filesystem::path& distInfo,
                                                                       const VenvLayout& venv);

// Removes the distribution's files and the directories left empty by it (up to site-packages,
// bin, include and the venv root, which stay). All or nothing: the files are moved aside first
// and put back when one cannot be moved.
[[nodiscard]] Status uninstall(const std::filesystem::path& distInfo, const VenvLayout& venv);

// Finishes what a killed install or uninstall left in the venv (see FileTransaction): changes that
// did not complete are rolled back, completed ones lose their backups, and the staging directory
// goes. Call it before reading the venv. Returns how many changes were rolled back.
[[nodiscard]] Result<std::size_t> recoverInterruptedChanges(const VenvLayout& venv);

} // namespace pindex::install
