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

#include "core/auth/credential_vault.h"
#include "tests/support/temp_dir.h"
#include "ui/dialogs/credentials_dialog.h"
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
