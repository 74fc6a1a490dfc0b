#include <algorithm>

#include <catch2/catch.hpp>

#include "core/install/interpreter.h"
#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::install;

namespace {

constexpr const char* kReport = "executable=/usr/bin/python3\nprefix=/usr\nbase_prefix=/usr\n"
                                "implementation_name=cpython\nimplementation_version=3.11.2\nos_name=posix\n"
                                "platform_machine=x86_64\nplatform_python_implementation=CPython\n"
                                "platform_release=6.1.0\nplatform_system=Linux\nplatform_version=#1 SMP\n"
                                "python_full_version=3.11.2\npython_version=3.11\nsys_platform=linux\n"
                                "sysconfig_platform=linux-x86_64\nsoabi=cpython-311-x86_64-linux-gnu\n"
                                "py_debug=0\ngil_disabled=0\nlibc=glibc 2.36\n";

} // namespace

TEST_CASE("An interpreter report becomes a marker environment and a tag description", "[install]")
{
    const auto info = parseInterpreterReport(kReport, "/usr/bin/python3");
    REQUIRE(info);
    CHECK(info->markers.pythonVersion == "3.11");
    CHECK(info->markers.sysPlatform == "linux");
    CHECK(info->markers.extra == "");
    CHECK_FALSE(info->isVirtualEnvironment());
    CHECK(info->description.abis == std::vector<std::string>{"cp311"});
    CHECK(info->description.platform.arch == "x86_64");
    CHECK(info->description.platform.glibc == std::pair{2U, 36U});
    const auto tags = info->supportedTags();
    REQUIRE_FALSE(tags.empty());
    CHECK(tags.front().interpreter == "cp311");
    const bool hasManylinux = std::any_of(tags.begin(), tags.end(), [](const standards::Tag& tag) {
        return tag.str() == "cp311-cp311-manylinux_2_17_x86_64";
    });
    CHECK(hasManylinux);
    CHECK(std::any_of(tags.begin(), tags.end(),
                      [](const standards::Tag& tag) { return tag.str() == "py3-none-any"; }));
}

TEST_CASE("A report missing a marker variable is a parse error naming it", "[install]")
{
    const auto info = parseInterpreterReport("executable=/x\n", "/x");
    REQUIRE_FALSE(info);
    CHECK(info.error().code == ErrorCode::Parse);
    CHECK(info.error().message.find("implementation_name") != std::string::npos);
}

TEST_CASE("A real interpreter is asked once and then answered from memory and disk", "[install]")
{
    test::TempDir cacheDir;
    InterpreterCache cache(cacheDir.path());
    const auto first = cache.query(test::kPython);
    REQUIRE(first);
    CHECK(first->markers.implementationName == "cpython");
    CHECK(first->markers.pythonVersion->starts_with("3."));
    const auto second = cache.query(test::kPython);
    REQUIRE(second);
    CHECK(second->markers.pythonFullVersion == first->markers.pythonFullVersion);
    CHECK(cache.runs() == 1U);

    InterpreterCache fromDisk(cacheDir.path());
    const auto third = fromDisk.query(test::kPython);
    REQUIRE(third);
    CHECK(third->executable == first->executable);
    CHECK(fromDisk.runs() == 0U);
}

TEST_CASE("Interpreter discovery finds python3 on PATH honouring requires-python", "[install]")
{
    test::TempDir project;
    InterpreterCache cache;
    InterpreterRequest request{.projectDirectory = project.path(),
                               .searchPath = test::kPython.parent_path().string()};
    const auto found = findInterpreter(request, cache);
    REQUIRE(found);
    CHECK(found->markers.pythonVersion->starts_with("3."));

    request.requiresPython = *standards::SpecifierSet::parse(">=3.99");
    const auto none = findInterpreter(request, cache);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::NotFound);
    CHECK(none.error().message.find(">=3.99") != std::string::npos);

    request.requiresPython.reset();
    REQUIRE(writeFileAtomic(project / ".python-version", "2.7\n"));
    const auto pinned = findInterpreter(request, cache);
    REQUIRE_FALSE(pinned);
    CHECK(pinned.error().message.find("2.7 (from .python-version)") != std::string::npos);
}

TEST_CASE("Discovery takes python3 when it fits and runs a failing candidate at most once", "[install]")
{
    test::TempDir project;
    test::TempDir bin;
    std::filesystem::create_symlink(test::kPython, bin / "python3");
    // A stand-in for a pyenv shim of a version that is not selected: fails, and counts its runs.
    const auto runs = bin / "runs";
    REQUIRE(
        writeFileAtomic(bin / "python3.29", "#!/bin/sh\necho run >> '" + runs.string() + "'\nexit 127\n"));
    std::filesystem::permissions(bin / "python3.29", std::filesystem::perms::owner_all);
    InterpreterCache cache;
    InterpreterRequest request{.projectDirectory = project.path(), .searchPath = bin.path().string()};

    const auto found = findInterpreter(request, cache);
    REQUIRE(found);
    CHECK(found->path == bin / "python3");
    CHECK_FALSE(std::filesystem::exists(runs)); // the versioned names were not needed

    // python3 does not fit: the versioned names are tried, the failing one once per cache.
    request.requiresPython = *standards::SpecifierSet::parse(">=3.99");
    REQUIRE_FALSE(findInterpreter(request, cache));
    REQUIRE_FALSE(findInterpreter(request, cache));
    const auto ran = readFile(runs);
    REQUIRE(ran);
    CHECK(*ran == "run\n");
}

TEST_CASE("A venv made from a known interpreter is described without running it, as Python would",
          "[install]")
{
    test::TempDir dir;
    InterpreterCache cache(dir / "reports");
    const auto base = cache.query(test::kPython);
    REQUIRE(base);
    const auto layout = createVenv(dir / ".venv", *base);
    REQUIRE(layout);
    cache.rememberVirtualEnvironment(layout->python, layout->root, *base);
    const auto derived = cache.query(layout->python);
    REQUIRE(derived);
    CHECK(cache.runs() == 1U); // the base only

    // What the venv's own interpreter says (a cache that knows nothing).
    InterpreterCache fresh;
    const auto asked = fresh.query(layout->python);
    REQUIRE(asked);
    CHECK(fresh.runs() == 1U);
    CHECK(derived->executable == asked->executable);
    CHECK(derived->prefix == asked->prefix);
    CHECK(derived->basePrefix == asked->basePrefix);
    CHECK(derived->isVirtualEnvironment());
    CHECK(derived->markers.pythonFullVersion == asked->markers.pythonFullVersion);
    CHECK(derived->pythonVersion() == asked->pythonVersion());

    // And from disk, in another process's cache.
    InterpreterCache fromDisk(dir / "reports");
    REQUIRE(fromDisk.query(layout->python));
    CHECK(fromDisk.runs() == 0U);
}
