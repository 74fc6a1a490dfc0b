#include <fstream>

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "tests/support/nginx_fixture.h"
#include "ui/dialogs/credentials_dialog.h"
#include "ui/keychain/authenticated_fetch.h"
#include "ui/keychain/credential_prompt.h"

using namespace pindex;

namespace {

constexpr std::string_view kSecret = "Dialog-Secret-31";

// A generated index behind basic auth (alice / kSecret).
struct ProtectedIndex
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> server;

    ProtectedIndex()
    {
        std::ofstream(dir / "tiny.toml") << "name = \"tiny\"\n[root]\nrequires = [\"tinypkg\"]\n"
                                            "[packages.tinypkg.versions.\"1.0.0\"]\n";
        test::generateIndex(dir / "out", {dir / "tiny.toml"});
        server = std::make_unique<test::NginxFixture>(test::NginxOptions{
            .root = dir / "out/pypi", .basicAuth = test::BasicAuthUser{"alice", std::string(kSecret)}});
    }
};

template <typename T>
T* child(QWidget* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

void fill(QWidget* dialog, const QString& username, const QString& password)
{
    child<QLineEdit>(dialog, "usernameEdit")->setText(username);
    auto* passwordEdit = child<QLineEdit>(dialog, "passwordEdit");
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
}

} // namespace

TEST_CASE("the credentials dialog masks the secret, shows it on request and names the variables",
          "[ui][credentials]")
{
    auth::MemoryStore session;
    ui::CredentialsDialog dialog({"acme-internal", "https://pkgs.example.com/simple/"},
                                 {.session = &session});
    auto* password = child<QLineEdit>(&dialog, "passwordEdit");
    CHECK(password->echoMode() == QLineEdit::Password);
    child<QToolButton>(&dialog, "showPasswordButton")->click();
    CHECK(password->echoMode() == QLineEdit::Normal);
    child<QToolButton>(&dialog, "showPasswordButton")->click();
    CHECK(password->echoMode() == QLineEdit::Password);

    const QString environment = child<QLabel>(&dialog, "environmentLabel")->text();
    CHECK(environment.contains(QStringLiteral("UV_INDEX_ACME_INTERNAL_USERNAME")));
    CHECK(environment.contains(QStringLiteral("UV_INDEX_ACME_INTERNAL_PASSWORD")));
    // Without a keychain the only choice is this session.
    CHECK(dialog.store() == ui::CredentialsDialog::Store::Session);
}

TEST_CASE("the Test button reports authenticated, rejected and unreachable with the HTTP status",
          "[ui][credentials]")
{
    ProtectedIndex index;
    auth::MemoryStore session;
    ui::CredentialsDialog dialog({"private", index.server->url("/simple/")}, {.session = &session});
    QSignalSpy tested(&dialog, &ui::CredentialsDialog::testFinished);
    auto* result = child<QLabel>(&dialog, "testResultLabel");

    fill(&dialog, QStringLiteral("alice"), QString::fromLatin1(kSecret.data()));
    child<QPushButton>(&dialog, "testButton")->click();
    REQUIRE(tested.wait(10000));
    CHECK(dialog.testOutcome() == ui::CredentialsDialog::TestOutcome::Authenticated);
    CHECK(result->text() == QStringLiteral("Authenticated (HTTP 200)"));

    fill(&dialog, QStringLiteral("alice"), QStringLiteral("wrong"));
    child<QPushButton>(&dialog, "testButton")->click();
    REQUIRE(tested.wait(10000));
    CHECK(dialog.testOutcome() == ui::CredentialsDialog::TestOutcome::Rejected);
    CHECK(result->text() == QStringLiteral("Rejected (HTTP 401)"));

    const auto port = index.server->port();
    index.server.reset(); // nothing listens there any more
    ui::CredentialsDialog gone({"private", "http://127.0.0.1:" + std::to_string(port) + "/simple/"},
                               {.session = &session});
    QSignalSpy goneTested(&gone, &ui::CredentialsDialog::testFinished);
    fill(&gone, QStringLiteral("alice"), QStringLiteral("x"));
    child<QPushButton>(&gone, "testButton")->click();
    REQUIRE(goneTested.wait(30000));
    CHECK(gone.testOutcome() == ui::CredentialsDialog::TestOutcome::Unreachable);
    CHECK(child<QLabel>(&gone, "testResultLabel")->text().startsWith(QStringLiteral("Unreachable")));
}

TEST_CASE("a 401 opens the credentials dialog and the operation resumes after the user saves",
          "[ui][credentials]")
{
    ProtectedIndex index;
    auth::MemoryStore session;
    QWidget window;
    ui::CredentialPrompt prompt({.session = &session}, &window);
    QSignalSpy opened(&prompt, &ui::CredentialPrompt::dialogOpened);
    auto chain = auth::makeCredentialChain(
        {.environment = [](const std::string&) { return std::optional<std::string>(); },
         .session = &session});

    std::optional<Result<index::HttpResponse>> outcome;
    ui::fetchWithCredentials(&window, chain, &prompt, {"private", index.server->url("/simple/")},
                             index.server->url("/simple/tinypkg/"),
                             [&](Result<index::HttpResponse> response) { outcome = std::move(response); });

    REQUIRE(opened.wait(10000));
    auto* dialog = qvariant_cast<ui::CredentialsDialog*>(opened.front().at(0));
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    CHECK_FALSE(outcome.has_value()); // the operation waits for the user
    fill(dialog, QStringLiteral("alice"), QString::fromLatin1(kSecret.data()));
    child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save)->click();

    REQUIRE(QTest::qWaitFor([&] { return outcome.has_value(); }, 10000));
    INFO((*outcome ? std::string() : outcome->error().describe()));
    REQUIRE(*outcome);
    CHECK((*outcome)->status == 200);
    CHECK((*outcome)->body.find("tinypkg-1.0.0") != std::string::npos);

    // Saved for this session: the chain now answers without asking.
    const auto provided = chain->credentialsFor({"private", index.server->url("/simple/")});
    REQUIRE(provided);
    REQUIRE(provided->has_value());
    CHECK((*provided)->source == auth::CredentialSource::Session);
}

TEST_CASE("cancelling the 401 prompt ends the operation with the error naming the index", "[ui][credentials]")
{
    ProtectedIndex index;
    auth::MemoryStore session;
    QWidget window;
    ui::CredentialPrompt prompt({.session = &session}, &window);
    QSignalSpy opened(&prompt, &ui::CredentialPrompt::dialogOpened);
    std::optional<Result<index::HttpResponse>> outcome;
    ui::fetchWithCredentials(&window, nullptr, &prompt, {"private", index.server->url("/simple/")},
                             index.server->url("/simple/tinypkg/"),
                             [&](Result<index::HttpResponse> response) { outcome = std::move(response); });
    REQUIRE(opened.wait(10000));
    qvariant_cast<ui::CredentialsDialog*>(opened.front().at(0))->reject();
    REQUIRE(QTest::qWaitFor([&] { return outcome.has_value(); }, 10000));
    REQUIRE_FALSE(*outcome);
    CHECK(outcome->error().code == ErrorCode::Unauthorized);
    CHECK(outcome->error().message.find("index 'private'") != std::string::npos);
}
