#pragma once

// The install tests' fixture: the test wheels of tests/tools/make_test_wheels.py in a scratch
// directory and a fresh venv beside them, made from the real interpreter.

#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "core/install/interpreter.h"
#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

namespace pindex::test {

struct VenvFixture
{
    TempDir dir;
    std::filesystem::path wheels = dir / "wheels";
    install::VenvLayout venv;

    VenvFixture()
    {
        const auto made =
            runProcess({kPython.string(), (kToolsDir / "make_test_wheels.py").string(), wheels.string()});
        REQUIRE(made.exitCode == 0);
        install::InterpreterCache cache;
        const auto base = cache.query(kPython);
        REQUIRE(base);
        auto layout = install::createVenv(dir / ".venv", *base);
        REQUIRE(layout);
        venv = *layout;
    }

    // Every path under the venv, relative, with its content for regular files.
    [[nodiscard]] std::set<std::string> snapshot() const
    {
        std::set<std::string> entries;
        for (auto it = std::filesystem::recursive_directory_iterator(venv.root);
             it != std::filesystem::recursive_directory_iterator(); ++it) {
            std::string entry = it->path().lexically_relative(venv.root).string();
            if (it->is_regular_file() && !it->is_symlink())
                entry += "=" + readFile(it->path()).value_or("");
            entries.insert(entry);
        }
        return entries;
    }
};

} // namespace pindex::test
