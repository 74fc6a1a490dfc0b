// The add-index wizard end to end: a pasted URL with credentials for a real nginx behind basic
// auth, the credentials saved in a real (throwaway) keychain, a live connection test, pins, the
// preview, and pyproject.toml written exactly as previewed. Runs under with-keyring.sh.

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "core/project/project_document.h"
#include "core/util/line_diff.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/dialogs/credentials_dialog.h"
#include "ui/keychain/keychain_store.h"

using namespace pindex;

namespace {

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <typename T>
T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

} // namespace

TEST_CASE("an authenticated index is added through the wizard, its password kept in the keychain",
          "[ui][wizard][keychain]")
{
    // The index: a project list behind basic auth.
    test::TempDir served;
    std::filesystem::create_directories(served / "simple");
    std::ofstream(served / "simple/index.html")
        << "<html><body><a href=\"acme-core/\">acme-core</a></body></html>\n";
    std::ofstream(served / "simple/index.json")
        << R"({"meta": {"api-version": "1.1"}, "projects": [{"name": "acme-core"}, {"name": "acme-web"}]})"
        << '\n';
    const std::string secret = "Wizard-Secret-42";
    test::NginxFixture server({.root = served.path(), .basicAuth = test::BasicAuthUser{"alice", secret}});
    const std::string url = server.url("/simple/");

    test::TempDir dir;
    const std::string before =
        "# The app.\n[project]\nname = \"app\"\nversion = \"1.0\"\n"
        "dependencies = [\"acme-core\", \"requests\"]\n\n"
        "[[tool.uv.index]]\nname = \"mirror\"\nurl = \"https://mirror.example/simple/\"\n"
        "default = true  # our PyPI proxy\n";
    std::ofstream(dir / "pyproject.toml", std::ios::binary) << before;

    ui::KeychainStore keychain(QStringLiteral("pindex-ui-test-") +
                               QUuid::createUuid().toString(QUuid::WithoutBraces));
    auth::MemoryStore session;
    ui::AddIndexWizard wizard(dir / "pyproject.toml", {.keychain = &keychain, .session = &session});
    QSignalSpy added(&wizard, &ui::AddIndexWizard::indexAdded);
    QSignalSpy relock(&wizard, &ui::AddIndexWizard::relockRequested);
    wizard.open();

    // 1. A pasted URL carrying the credentials.
    const std::string pasted = "http://alice:" + secret + "@" + url.substr(std::string("http://").size());
    auto* source = wizard.page(ui::AddIndexWizard::SourcePage);
    QTest::keyClicks(child<QLineEdit>(source, "urlEdit"), QString::fromStdString(pasted));
    REQUIRE(source->isComplete());
    wizard.next();
    CHECK(wizard.draft().url == url);

    // 2. Name and role: only for pinned packages.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::DetailsPage);
    auto* details = wizard.currentPage();
    child<QLineEdit>(details, "nameEdit")->setText(QStringLiteral("corp"));
    child<QRadioButton>(details, "explicitRadio")->setChecked(true);
    wizard.next();

    // 3. Credentials: the dialog opens with the pasted ones filled in and saves them to the keychain.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::CredentialsPage);
    auto* credentials = wizard.currentPage();
    REQUIRE(QTest::qWaitFor([&] { return credentials->isComplete(); }, 10000));
    CHECK(child<QLabel>(credentials, "pastedCredentialsLabel")->text().contains(QStringLiteral("alice")));
    child<QPushButton>(credentials, "credentialsButton")->click();
    auto* dialog = wizard.findChild<ui::CredentialsDialog*>();
    REQUIRE(dialog != nullptr);
    CHECK(child<QLineEdit>(dialog, "usernameEdit")->text() == QStringLiteral("alice"));
    CHECK(child<QLineEdit>(dialog, "passwordEdit")->text() == QString::fromStdString(secret));
    CHECK(dialog->store() == ui::CredentialsDialog::Store::Keychain);
    QSignalSpy saved(dialog, &ui::CredentialsDialog::saved);
    child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save)->click();
    REQUIRE(saved.wait(10000));
    CHECK(child<QLabel>(credentials, "credentialsStatusLabel")->text().contains(QStringLiteral("keychain")));
    wizard.next();

    // 4. The live connection test, with the saved credentials.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::TestPage);
    auto* test = wizard.currentPage();
    REQUIRE(QTest::qWaitFor([&] { return test->isComplete(); }, 20000));
    REQUIRE(wizard.draft().report);
    CHECK(wizard.draft().report->usable());
    const QString result = child<QLabel>(test, "testResultLabel")->text();
    CHECK(result.contains(QStringLiteral("JSON (PEP 691)")));
    CHECK(result.contains(QStringLiteral("2 projects listed")));
    CHECK(result.contains(QStringLiteral("The credentials work")));
    wizard.next();

    // 5. Pins: a package and a pattern.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::PinsPage);
    child<QLineEdit>(wizard.currentPage(), "pinPackagesEdit")->setText(QStringLiteral("acme-core"));
    child<QLineEdit>(wizard.currentPage(), "pinPatternEdit")->setText(QStringLiteral("acme-*"));
    wizard.next();

    // 6. The preview: the exact change, before anything is written.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::PreviewPage);
    CHECK(readText(dir / "pyproject.toml") == before);
    auto expected = project::ProjectDocument::fromText(before, dir / "pyproject.toml");
    REQUIRE(expected);
    REQUIRE(expected->addIndex({.name = "corp", .url = url, .isExplicit = true}));
    REQUIRE(expected->pinPackage("acme-core", "corp"));
    REQUIRE(expected->addPatternPin("acme-*", "corp"));
    CHECK(wizard.draft().textAfter == expected->text());
    const QString diff = child<QPlainTextEdit>(wizard.currentPage(), "previewDiff")->toPlainText();
    CHECK(diff == QString::fromStdString(unifiedDiff(before, expected->text())));
    CHECK(diff.contains(QStringLiteral("+name = \"corp\"")));
    CHECK_FALSE(diff.contains(QString::fromStdString(secret)));
    wizard.next(); // Write pyproject.toml

    // 7. Written exactly as previewed; the new index goes before the default one.
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::DonePage);
    REQUIRE(added.size() == 1);
    CHECK(added.front().front().toString() == QStringLiteral("corp"));
    const std::string after = readText(dir / "pyproject.toml");
    CHECK(after == expected->text());
    CHECK(after.find("name = \"corp\"") < after.find("name = \"mirror\""));
    CHECK(after.find(secret) == std::string::npos);
    CHECK(after.find("alice") == std::string::npos);

    // The offer to lock again.
    CHECK(child<QCheckBox>(wizard.currentPage(), "relockCheck")->isChecked());
    wizard.accept();
    CHECK(relock.size() == 1);

    // The password is in the keychain under the index URL.
    std::optional<Result<std::optional<auth::Credentials>>> stored;
    auth::CredentialVault(keychain).load(url, std::nullopt, [&](auto loaded) { stored = std::move(loaded); });
    REQUIRE(QTest::qWaitFor([&] { return stored.has_value(); }, 10000));
    REQUIRE(*stored);
    REQUIRE(**stored);
    CHECK((**stored)->username == "alice");
    CHECK((**stored)->password == secret);
}

TEST_CASE("the wizard's Write is refused when pyproject.toml changed after the preview",
          "[ui][wizard][keychain]")
{
    test::TempDir dir;
    const std::string before = "[project]\nname = \"app\"\n";
    std::ofstream(dir / "pyproject.toml", std::ios::binary) << before;
    auth::MemoryStore session;
    ui::AddIndexWizard wizard(dir / "pyproject.toml", {.session = &session});
    QSignalSpy added(&wizard, &ui::AddIndexWizard::indexAdded);
    wizard.open();
    QTest::keyClicks(child<QLineEdit>(wizard.currentPage(), "urlEdit"),
                     QStringLiteral("http://127.0.0.1:9/simple/"));
    wizard.next();
    wizard.next();
    REQUIRE(QTest::qWaitFor([&] { return wizard.currentPage()->isComplete(); }, 10000));
    wizard.next();
    REQUIRE(QTest::qWaitFor([&] { return wizard.currentPage()->isComplete(); }, 20000));
    wizard.next();
    wizard.next();
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::PreviewPage);

    const std::string changed = before + "version = \"2.0\"\n";
    std::ofstream(dir / "pyproject.toml", std::ios::binary | std::ios::trunc) << changed;
    wizard.next();
    CHECK(wizard.currentId() == ui::AddIndexWizard::PreviewPage);
    CHECK(added.isEmpty());
    CHECK(readText(dir / "pyproject.toml") == changed);
    CHECK(child<QLabel>(wizard.currentPage(), "previewProblemLabel")
              ->text()
              .contains(QStringLiteral("changed")));
    // The new preview is against the file as it is now; writing it keeps the other change.
    CHECK(child<QPlainTextEdit>(wizard.currentPage(), "previewDiff")
              ->toPlainText()
              .contains(QStringLiteral("version")));
    wizard.next();
    REQUIRE(wizard.currentId() == ui::AddIndexWizard::DonePage);
    CHECK(readText(dir / "pyproject.toml").starts_with(changed));
}
