#pragma once

// Virtual environments: where things go inside one (the install scheme) and creating one the way
// the standard library's venv module lays it out (pyvenv.cfg, interpreter links, activation
// script, site-packages), without running Python.
//
// Invariants: a VenvLayout's paths all lie under `root`; createVenv never modifies a directory
// that exists and is neither empty nor a virtual environment.

#include <filesystem>
#include <string>

#include "core/install/interpreter.h"
#include "core/util/error.h"

namespace pindex::install {

struct VenvLayout
{
    std::filesystem::path root;
    std::filesystem::path bin;          // root/bin
    std::filesystem::path python;       // root/bin/python
    std::filesystem::path sitePackages; // root/lib/pythonX.Y/site-packages (purelib and platlib)
    std::filesystem::path include;      // root/include/site/pythonX.Y (headers go to include/<dist>)
    std::string pythonVersion;          // "3.11"
};

[[nodiscard]] VenvLayout venvLayout(const std::filesystem::path& root, const std::string& pythonVersion);

// Whether `root` holds a pyvenv.cfg.
[[nodiscard]] bool isVenv(const std::filesystem::path& root);

// The `version` (X.Y) a venv's pyvenv.cfg records (key `version` or `version_info`).
[[nodiscard]] Result<std::string> venvPythonVersion(const std::filesystem::path& root);

struct VenvOptions
{
    std::string prompt; // shown by the activation script; defaults to the parent folder's name
};

// Creates a venv at `root` for `base` (if `base` is itself a venv's interpreter, its base is used).
// An existing venv is left as it is and its layout returned. ErrorCode::Conflict when `root` is a
// non-empty directory without pyvenv.cfg (it belongs to something else).
[[nodiscard]] Result<VenvLayout> createVenv(const std::filesystem::path& root, const InterpreterInfo& base,
                                            const VenvOptions& options = {});

} // namespace pindex::install
