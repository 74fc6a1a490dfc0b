// UI tests that need the OS keychain: this executable runs under tests/tools/with-keyring.sh.

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"
#include "ui/dialogs/credentials_dialog.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/credential_retry.h"
#include "ui/keychain/keychain_store.h"
#include "ui/keychain/plain_text_banner.h"

using namespace pindex;

namespace {

QString randomService()
{
    return QStringLiteral("pindex-ui-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::optional<auth::Credentials> loadFromKeychain(ui::KeychainStore& store, const std::string& url)
{
    std::optional<Result<std::optional<auth::Credentials>>> result;
    auth::CredentialVault(store).load(
        url, std::nullopt,
        [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
    INFO((*result ? std::string() : result->error().describe()));
    REQUIRE(*result);
    return **result;
}

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("the credentials dialog saves to the keychain by default", "[ui][credentials][keychain]")
{
    ui::KeychainStore keychain(randomService());
    ui::CredentialsDialog dialog({"private", "https://pkgs.example.com/simple/"}, {.keychain = &keychain});
    CHECK(dialog.store() == ui::CredentialsDialog::Store::Keychain);
    dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("alice"));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit")),
                     QStringLiteral("Kc-Dialog-77"));
    QSignalSpy saved(&dialog, &ui::CredentialsDialog::saved);
    dialog.open();
    dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save)->click();
    REQUIRE(saved.wait(10000));
    CHECK(dialog.result() == QDialog::Accepted);

    const auto stored = loadFromKeychain(keychain, "https://pkgs.example.com/simple/");
    REQUIRE(stored);
    CHECK(stored->username == "alice");
    CHECK(stored->password == "Kc-Dialog-77");
}

TEST_CASE("a plain-text password in pyproject.toml is flagged and moved to the keychain in one click",
          "[ui][credentials][keychain]")
{
    test::TempDir dir;
    const std::string before =
        "[project]\nname = \"demo\"\n\n[[tool.uv.index]]\nname = \"private\"\n"
        "url = \"https://alice:Plain-Secret-8@pkgs.example.com/simple/\"  # the team index\n\n"
        "[[tool.uv.index]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple/\"\n";
    std::ofstream(dir / "pyproject.toml", std::ios::binary) << before;

    ui::KeychainStore keychain(randomService());
    ui::PlainTextBanner banner(&keychain);
    banner.setProjectFile(dir / "pyproject.toml");
    CHECK(banner.warningCount() == 1);
    CHECK_FALSE(banner.isHidden());
    const QString warning = banner.findChild<QLabel*>(QStringLiteral("plainTextWarning"))->text();
    CHECK(warning.contains(QStringLiteral("pyproject.toml:6:8")));
    CHECK(warning.contains(QStringLiteral("https://alice:****@pkgs.example.com/simple/")));
    CHECK_FALSE(warning.contains(QStringLiteral("Plain-Secret-8")));

    QSignalSpy moved(&banner, &ui::PlainTextBanner::moved);
    banner.findChild<QPushButton*>(QStringLiteral("moveToKeychainButton"))->click();
    REQUIRE(moved.wait(10000));

    std::string expected = before;
    const std::string from = "https://alice:Plain-Secret-8@pkgs.example.com/simple/";
    expected.replace(expected.find(from), from.size(), "https://pkgs.example.com/simple/");
    CHECK(readText(dir / "pyproject.toml") == expected);
    CHECK(banner.warningCount() == 0);
    CHECK(banner.isHidden());

    const auto stored = loadFromKeychain(keychain, "https://pkgs.example.com/simple/");
    REQUIRE(stored);
    CHECK(stored->username == "alice");
    CHECK(stored->password == "Plain-Secret-8");
}

namespace {

// A Simple API root behind basic auth on a real nginx.
struct ProtectedIndex
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> nginx;

    explicit ProtectedIndex(const std::string& password)
    {
        std::filesystem::create_directories(dir / "root" / "simple");
        std::ofstream(dir / "root" / "simple" / "index.html")
            << "<!DOCTYPE html><html><body><a href=\"demo/\">demo</a></body></html>\n";
        nginx = std::make_unique<test::NginxFixture>(
            test::NginxOptions{.root = dir / "root", .basicAuth = test::BasicAuthUser{"alice", password}});
    }
};

auth::EnvironmentLookup noEnvironment()
{
    return [](const std::string&) { return std::optional<std::string>(); };
}

} // namespace

TEST_CASE("a connection test meeting a 401 opens the credentials dialog and resumes after the save",
          "[ui][credentials][keychain]")
{
    const std::string password = "Prompt-Resume-Pass-5";
    ProtectedIndex index(password);
    const std::string url = index.nginx->url("/simple/");
    ui::KeychainStore keychain(randomService());
    auth::MemoryStore session;
    QWidget window;
    window.setObjectName(QStringLiteral("window"));
    ui::CredentialPrompt prompt({.keychain = &keychain, .session = &session}, &window);
    auto chain = auth::makeCredentialChain({.environment = noEnvironment(), .keychain = &keychain});

    int opened = 0;
    QObject::connect(
        &prompt, &ui::CredentialPrompt::dialogOpened, &window, [&](ui::CredentialsDialog* dialog) {
            ++opened;
            CHECK(dialog->isVisible());
            dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->setText(QStringLiteral("alice"));
            dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))
                ->setText(QString::fromStdString(password));
            dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))
                ->button(QDialogButtonBox::Save)
                ->click();
        });
    std::optional<Result<index::ConnectionReport>> result;
    ui::testConnectionWithCredentials(
        &window, &prompt, chain, {.name = "private", .url = url},
        [&](Result<index::ConnectionReport> done) { result = std::move(done); });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 30000));
    INFO((*result ? std::string() : result->error().describe()));
    REQUIRE(*result);
    CHECK(opened == 1);
    CHECK((*result)->usable());
    CHECK((*result)->credentialCheck == index::ConnectionReport::CredentialCheck::Accepted);
    CHECK((*result)->flavour == "HTML (PEP 503)");

    // The dialog saved to the keychain (its default), so the next operation needs no prompt.
    const auto stored = loadFromKeychain(keychain, url);
    REQUIRE(stored);
    CHECK(stored->password == password);
    // nginx saw the anonymous 401, the resumed test's request with the saved credentials answered 200.
    REQUIRE(index.nginx->waitForRequestCount(3) >= 3);
    const auto lines = test::logLines(index.nginx->accessLog());
    CHECK(test::countLogged(lines, "/simple/", "\" 401 ") >= 1);
    CHECK(test::countLogged(lines, "/simple/", "\" 200 ") == 1);
}

TEST_CASE("cancelling the credentials dialog ends the operation with the error naming the index",
          "[ui][credentials][keychain]")
{
    ProtectedIndex index("Never-Entered-Pass-6");
    ui::KeychainStore keychain(randomService());
    QWidget window;
    ui::CredentialPrompt prompt({.keychain = &keychain}, &window);
    auto chain = auth::makeCredentialChain({.environment = noEnvironment(), .keychain = &keychain});
    int opened = 0;
    QObject::connect(&prompt, &ui::CredentialPrompt::dialogOpened, &window,
                     [&](ui::CredentialsDialog* dialog) {
                         ++opened;
                         dialog->reject();
                     });
    std::optional<Result<index::ConnectionReport>> result;
    ui::testConnectionWithCredentials(
        &window, &prompt, chain, {.name = "private", .url = index.nginx->url("/simple/")},
        [&](Result<index::ConnectionReport> done) { result = std::move(done); });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 30000));
    CHECK(opened == 1);
    REQUIRE_FALSE(*result);
    CHECK(result->error().code == ErrorCode::Unauthorized);
    CHECK(result->error().httpStatus == 401);
    CHECK(result->error().message.find("index 'private'") != std::string::npos);
}
