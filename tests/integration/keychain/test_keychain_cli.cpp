// The OS keychain as a provider of the credential chain, through the built executable under the
// keychain fixture: `pindex index test` and `pindex lock` use a secret stored with `pindex auth
// login`, and a whole workflow run with a distinctive secret leaves it in no file and no output.

#include <cstdlib>

#include <catch2/catch.hpp>

#include <QByteArray>

#include "tests/integration/auth/cli_test_support.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// A private index behind basic auth for `user` / `password`, and a project using it.
struct KeychainProject
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> nginx;
    std::filesystem::path project;

    KeychainProject(const std::string& user, const std::string& password)
    {
        test::generateIndex(dir / "indexes", {test::kTestDataDir / "lock-cli" / "private-index.toml"});
        nginx = std::make_unique<test::NginxFixture>(
            test::NginxOptions{.root = dir / "indexes", .basicAuth = test::BasicAuthUser{user, password}});
        project = dir / "app";
    }
    [[nodiscard]] std::string url() const { return nginx->url("/private/simple/"); }
};

} // namespace

TEST_CASE("pindex index test and pindex lock use a secret stored in the keychain", "[keychain][cli]")
{
    const std::string password = "Keychain-Cli-Pass-1618";
    KeychainProject setup("alice", password);
    test::writePrivateProject(setup.project, setup.url());
    const auto environment = test::isolatedEnvironment(setup.dir.path(), true);

    const auto login = test::runPindex({"auth", "login", "private", "--username", "alice", "--password", "-",
                                        "--project", setup.project.string()},
                                       environment, password + "\n");
    INFO(login.out << login.err);
    REQUIRE(login.exitCode == 0);

    const auto tested =
        test::runPindex({"index", "test", "private", "--project", setup.project.string()}, environment);
    INFO(tested.out << tested.err);
    CHECK(tested.exitCode == 0);
    CHECK(contains(tested.out, "authentication: required"));
    CHECK(contains(tested.out, "credentials:    from keychain, accepted (HTTP 200"));

    const auto locked = test::runPindex(test::lockArguments(setup.project), environment);
    INFO(locked.out << locked.err);
    REQUIRE(locked.exitCode == 0);
    CHECK(contains(test::readText(setup.project / "pylock.toml"), "name = \"beta\""));
    CHECK_FALSE(contains(tested.out + tested.err + locked.out + locked.err, password));

    // Environment variables come before the keychain: wrong ones win, and fail naming the index.
    auto overridden = environment;
    overridden["UV_INDEX_PRIVATE_USERNAME"] = "alice";
    overridden["UV_INDEX_PRIVATE_PASSWORD"] = "Not-The-Keychain-One";
    std::filesystem::remove(setup.project / "pylock.toml");
    const auto rejected = test::runPindex(test::lockArguments(setup.project), overridden);
    INFO(rejected.out << rejected.err);
    CHECK(rejected.exitCode == 2);
    CHECK(contains(rejected.err, "index private"));
    CHECK_FALSE(contains(rejected.out + rejected.err, "Not-The-Keychain-One"));
}

TEST_CASE("a whole workflow leaves the secret in no file Pindex wrote and in none of its output",
          "[keychain][cli][leak]")
{
    // Characters that URL encoding, base64 and shells all treat differently (no ':', which ends
    // a password in the nginx fixture's htpasswd file).
    const std::string secret = "Leak=Canary/7f3a+9Qx2%";
    const std::string wrong = "Wrong=Canary/55b1+Kz%";
    KeychainProject setup("alice", secret);
    const auto& project = setup.project;
    test::writeText(project / "pyproject.toml",
                    "[project]\nname = \"private-app\"\nversion = \"1.0\"\n"
                    "requires-python = \">=3.9\"\ndependencies = [\"alpha>=1\"]\n");
    const auto environment = test::isolatedEnvironment(setup.dir.path(), true);
    std::string output;
    const auto run = [&](std::vector<std::string> arguments, const std::map<std::string, std::string>& env,
                         const std::string& input = {}) {
        const auto result = test::runPindex(std::move(arguments), env, input);
        output += result.out + result.err;
        return result;
    };
    const std::string projectArgument = project.string();

    REQUIRE(
        run({"index", "add", "private", setup.url(), "--default", "--project", projectArgument}, environment)
            .exitCode == 0);
    REQUIRE(run({"auth", "login", "private", "--username", "alice", "--password", "-", "--project",
                 projectArgument},
                environment, secret + "\n")
                .exitCode == 0);
    REQUIRE(run({"auth", "status", "--project", projectArgument}, environment).exitCode == 0);
    const auto locked = run(test::lockArguments(project), environment);
    INFO(locked.out << locked.err);
    REQUIRE(locked.exitCode == 0);
    REQUIRE(run({"index", "test", "private", "--project", projectArgument}, environment).exitCode == 0);
    REQUIRE(run({"lock", "--check", "--project", projectArgument, "--python", "3.11", "--platform",
                 "linux-x86_64", "-v"},
                environment)
                .exitCode == 0);
    std::filesystem::copy_file(project / "pylock.toml", setup.dir / "before.toml");
    REQUIRE(
        run({"diff", (setup.dir / "before.toml").string(), (project / "pylock.toml").string()}, environment)
            .exitCode == 0);

    // Failing requests: a wrong password from the environment, and the same in the URL.
    auto wrongEnvironment = environment;
    wrongEnvironment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
    wrongEnvironment["UV_INDEX_PRIVATE_PASSWORD"] = wrong;
    CHECK(run(test::lockArguments(project), wrongEnvironment).exitCode == 2);
    CHECK(run({"index", "test", "private", "--project", projectArgument}, wrongEnvironment).exitCode == 1);
    const auto otherProject = setup.dir / "url-app";
    test::writePrivateProject(otherProject, test::withCredentials(setup.url(), "alice", wrong));
    CHECK(run(test::lockArguments(otherProject), environment).exitCode == 2);
    std::filesystem::remove_all(otherProject); // its pyproject.toml holds `wrong` by construction

    const auto encodings = [](const std::string& text) {
        const QByteArray raw = QByteArray::fromStdString(text);
        return std::vector<std::string>{
            text,
            raw.toBase64().toStdString(),
            QByteArray::fromStdString("alice:" + text).toBase64().toStdString(),
            raw.toPercentEncoding().toStdString(),
        };
    };
    std::vector<std::string> forbidden = encodings(secret);
    for (const auto& form : encodings(wrong))
        forbidden.push_back(form);

    // Every file under the project, the XDG cache and config directories and HOME (the keychain's
    // own encrypted storage excepted: it is the one place the secret belongs).
    std::size_t scanned = 0;
    const char* home = std::getenv("HOME"); // with-keyring.sh's scratch HOME
    REQUIRE(home != nullptr);
    for (const auto& root :
         {setup.dir / "app", setup.dir / "cache", setup.dir / "config", std::filesystem::path(home)}) {
        if (!std::filesystem::exists(root))
            continue;
        for (auto it = std::filesystem::recursive_directory_iterator(root); it != decltype(it)(); ++it) {
            if (it->is_directory() && it->path().filename() == "keyrings") {
                it.disable_recursion_pending();
                continue;
            }
            if (!it->is_regular_file())
                continue;
            ++scanned;
            const std::string text = test::readText(it->path());
            for (const auto& form : forbidden) {
                INFO(it->path().string() << " holds " << form);
                CHECK_FALSE(contains(text, form));
            }
        }
    }
    CHECK(scanned >= 4); // pyproject.toml, pylock.toml, cache entries
    CHECK(std::filesystem::exists(setup.dir / "cache" / "pindex"));
    for (const auto& form : forbidden) {
        INFO("the output holds " << form);
        CHECK_FALSE(contains(output, form));
    }
}
