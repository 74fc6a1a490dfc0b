// Real venvs checked by pip: Pindex creates the venv, installs Debian's pip wheel and the demo
// wheels, and pip (run from the venv) must see exactly those, find them consistent and uninstall
// them without leaving a file behind.

#include <algorithm>
#include <iterator>
#include <set>

#include <catch2/catch.hpp>

#include "core/install/installed.h"
#include "core/install/wheel_installer.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> debianPipWheel()
{
    std::error_code error;
    for (fs::directory_iterator it("/usr/share/python-wheels", error), end; !error && it != end;
         it.increment(error))
        if (it->path().filename().string().starts_with("pip-") && it->path().extension() == ".whl")
            return it->path();
    return std::nullopt;
}

std::set<std::string> tree(const fs::path& root)
{
    std::set<std::string> entries;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
        entries.insert(it->path().lexically_relative(root).string());
    return entries;
}

} // namespace

TEST_CASE("pip run from a Pindex venv lists, checks and cleanly uninstalls what Pindex installed",
          "[install]")
{
    const auto pipWheel = debianPipWheel();
    if (!pipWheel) {
        WARN("Skipped: no pip wheel in /usr/share/python-wheels (Debian package python3-pip-whl).");
        return;
    }
    test::TempDir dir;
    const auto wheels = dir / "wheels";
    REQUIRE(test::runProcess(
                {test::kPython.string(), (test::kToolsDir / "make_test_wheels.py").string(), wheels.string()})
                .exitCode == 0);
    InterpreterCache cache;
    const auto base = cache.query(test::kPython);
    REQUIRE(base);
    const auto venv = createVenv(dir / ".venv", *base);
    REQUIRE(venv);

    const auto pip = installWheel(*pipWheel, *venv, {.compileBytecode = true});
    REQUIRE(pip);
    const auto before = tree(venv->root);
    const auto demo = installWheel(wheels / "demo_pkg-1.0-py3-none-any.whl", *venv, {.requested = true});
    REQUIRE(demo);

    const std::map<std::string, std::string> isolated{{"PIP_DISABLE_PIP_VERSION_CHECK", "1"},
                                                      {"PIP_NO_INPUT", "1"}};
    const auto list = test::runProcess({venv->python.string(), "-m", "pip", "list", "--format=json"},
                                       {.environment = isolated});
    REQUIRE(list.exitCode == 0);
    CAPTURE(list.out);
    const std::string expectedPip = "{\"name\": \"pip\", \"version\": \"" + pip->version + "\"}";
    CHECK(list.out.find("{\"name\": \"demo-pkg\", \"version\": \"1.0\"}") != std::string::npos);
    CHECK(list.out.find(expectedPip) != std::string::npos);
    CHECK(std::count(list.out.begin(), list.out.end(), '{') == 2);

    const auto check =
        test::runProcess({venv->python.string(), "-m", "pip", "check"}, {.environment = isolated});
    CHECK(check.exitCode == 0);
    CAPTURE(check.out, check.err);

    const auto imported = test::runProcess(
        {venv->python.string(), "-c", "import demo_pkg, demo_extra; print(demo_pkg.VERSION)"});
    CHECK(imported.out == "1.0\n");
    const auto console = test::runProcess({(venv->bin / "demo").string()});
    CHECK(console.out == "demo 1.0\n");

    const auto removed = test::runProcess({venv->python.string(), "-m", "pip", "uninstall", "-y", "demo-pkg"},
                                          {.environment = isolated});
    REQUIRE(removed.exitCode == 0);
    const auto after = tree(venv->root);
    std::vector<std::string> left;
    std::vector<std::string> missing;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(left));
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                        std::back_inserter(missing));
    // pip leaves directories it emptied above the package's own (here `share/`); no file may stay.
    std::erase_if(left, [&](const std::string& entry) {
        std::error_code error;
        return fs::is_directory(venv->root / entry, error) && fs::is_empty(venv->root / entry, error);
    });
    CAPTURE(left, missing);
    CHECK(left.empty());
    CHECK(missing.empty());
}
