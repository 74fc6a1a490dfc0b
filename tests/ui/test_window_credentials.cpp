// The main window's jobs meeting an index behind basic auth (a real nginx) with a real, throwaway
// keychain (this executable runs under with-keyring.sh): Lock and the Indexes tab's Test open the
// credentials dialog by themselves and resume after the save; cancelling ends with an error that
// names the index; Sync, meeting the same refusal for a wheel, does the same. Also: the jobs use the Settings
// dialog's cache directory from the next job on, and the confusion check reads an authenticated index with
// the same credential chain and access.

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QUuid>

#include "core/auth/credential_vault.h"
#include "core/lock/lock_reader.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/ui/window_fixture.h"
#include "ui/dialogs/credentials_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/keychain_store.h"
#include "ui/models/confusion_model.h"
#include "ui/models/environment_model.h"
#include "ui/models/index_model.h"
#include "ui/views/confusion_view.h"
#include "ui/views/indexes_view.h"
#include "ui/views/relock_preview.h"

using namespace pindex;
namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutMs = 60000;

// A project whose only index is served by nginx (behind basic auth when a password is given),
// built from tests/data/lock-cli/private-index.toml: alpha 1.0.0 needs beta>=2.
struct ServedProject
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> nginx;
    fs::path project;
    std::string indexUrl;

    explicit ServedProject(std::optional<std::string> password)
    {
        test::generateIndex(dir / "indexes", {test::kTestDataDir / "lock-cli" / "private-index.toml"});
        test::NginxOptions options{.root = dir / "indexes"};
        if (password)
            options.basicAuth = test::BasicAuthUser{"alice", *password};
        nginx = std::make_unique<test::NginxFixture>(options);
        indexUrl = nginx->url("/private/simple/");
        project = dir / "app";
        fs::create_directories(project);
        std::ofstream(project / "pyproject.toml", std::ios::binary)
            << "[project]\nname = \"private-app\"\nversion = \"1.0\"\nrequires-python = \">=3.9\"\n"
               "dependencies = [\"alpha>=1\"]\n\n[[tool.uv.index]]\nname = \"private\"\nurl = \""
            << indexUrl << "\"\ndefault = true\n";
    }

    // The window as a user runs it: online, with the OS keychain (under a service of its own).
    ui::MainWindowOptions windowOptions(test::ScriptedPrompter* prompter) const
    {
        auto options = test::windowOptions(dir, prompter);
        options.offline = false;
        options.useKeychain = true;
        options.keychainService =
            QStringLiteral("pindex-window-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        return options;
    }
};

void openAndWait(ui::MainWindow& window, const fs::path& directory)
{
    QSignalSpy loaded(&window, &ui::MainWindow::projectLoaded);
    window.openProject(test::qpath(directory));
    REQUIRE(loaded.wait(kTimeoutMs));
}

template <typename T>
T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

// Answers every credentials dialog the window opens: remembers what it said, then types the
// credentials and saves, or cancels when no password is given.
struct DialogAnswer
{
    int opened = 0;
    QString indexText;
    QString reasonText;
    std::optional<QString> password;

    void connectTo(ui::MainWindow& window)
    {
        QObject::connect(
            window.credentialPrompt(), &ui::CredentialPrompt::dialogOpened, &window,
            [this](ui::CredentialsDialog* dialog) {
                ++opened;
                CHECK(dialog->isVisible());
                indexText = child<QLabel>(dialog, "indexLabel")->text();
                reasonText = child<QLabel>(dialog, "reasonLabel")->text();
                child<QLineEdit>(dialog, "usernameEdit")->setText(QStringLiteral("alice"));
                if (!password) {
                    child<QLineEdit>(dialog, "passwordEdit")->setText(QStringLiteral("Typed-Not-Saved-3"));
                    child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Cancel)->click();
                    return;
                }
                child<QLineEdit>(dialog, "passwordEdit")->setText(*password);
                child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save)->click();
            });
    }
};

std::optional<auth::Credentials> loadFromKeychain(const QString& service, const std::string& url)
{
    ui::KeychainStore keychain(service);
    std::optional<Result<std::optional<auth::Credentials>>> result;
    auth::CredentialVault(keychain).load(
        url, std::nullopt,
        [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
    INFO((*result ? std::string() : result->error().describe()));
    REQUIRE(*result);
    return **result;
}

std::map<std::string, std::string> lockedVersions(const fs::path& file)
{
    auto lock = lock::readLock(file);
    REQUIRE(lock);
    std::map<std::string, std::string> versions;
    for (const auto& package : lock->packages)
        versions.emplace(package.name, package.version);
    return versions;
}

// Every regular file below `directory` (none when it does not exist).
std::vector<fs::path> filesBelow(const fs::path& directory)
{
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->is_regular_file())
            files.push_back(it->path());
    }
    return files;
}

} // namespace

TEST_CASE("Lock on an index that needs credentials asks for them, saves them in the keychain and resumes",
          "[ui][workflows][credentials][keychain]")
{
    const std::string password = "Window-Lock-Pass-41";
    ServedProject served(password);
    test::ScriptedPrompter prompter;
    const auto options = served.windowOptions(&prompter);
    ui::MainWindow window(options);
    window.show();
    openAndWait(window, served.project);

    DialogAnswer answer{.password = QString::fromStdString(password)};
    answer.connectTo(window);
    QSignalSpy shown(&window, &ui::MainWindow::lockPreviewShown);
    QSignalSpy failed(&window, &ui::MainWindow::lockFailed);
    window.findChild<QAction*>(QStringLiteral("lockAction"))->trigger();
    REQUIRE(shown.wait(kTimeoutMs));
    INFO("lock failures: " << (failed.isEmpty() ? std::string()
                                                : failed.front().at(0).toString().toStdString()));
    REQUIRE(failed.isEmpty());

    // The dialog opened by itself, once, naming the index and why.
    CHECK(answer.opened == 1);
    CHECK(answer.indexText.contains(QStringLiteral("private")));
    CHECK(answer.reasonText.contains(QStringLiteral("401")));

    // The lock resumed with the saved credentials: the preview, then the lock once accepted.
    auto* preview = window.relockPreview();
    REQUIRE(preview != nullptr);
    REQUIRE(preview->acceptButton()->isVisibleTo(preview));
    QSignalSpy written(&window, &ui::MainWindow::lockWritten);
    QTest::mouseClick(preview->acceptButton(), Qt::LeftButton);
    REQUIRE(written.wait(kTimeoutMs));
    CHECK(lockedVersions(served.project / "pylock.toml") ==
          std::map<std::string, std::string>{{"alpha", "1.0.0"}, {"beta", "2.0.0"}});
    CHECK(test::readText(served.project / "pylock.toml").find(password) == std::string::npos);
    CHECK_FALSE(window.isBusy());

    // The keychain holds the entry, so the next lock needs no prompt.
    const auto stored = loadFromKeychain(options.keychainService, served.indexUrl);
    REQUIRE(stored);
    CHECK(stored->username == "alice");
    CHECK(stored->password == password);

    QSignalSpy shownAgain(&window, &ui::MainWindow::lockPreviewShown);
    window.findChild<QAction*>(QStringLiteral("lockAction"))->trigger();
    REQUIRE(shownAgain.wait(kTimeoutMs));
    CHECK(answer.opened == 1);
    CHECK(window.relockPreview()->acceptButton()->isVisibleTo(window.relockPreview()));
}

TEST_CASE("cancelling the credentials dialog ends Lock with an error naming the index, never the secret",
          "[ui][workflows][credentials][keychain]")
{
    const std::string password = "Window-Cancel-Pass-42";
    ServedProject served(password);
    test::ScriptedPrompter prompter;
    ui::MainWindow window(served.windowOptions(&prompter));
    window.show();
    openAndWait(window, served.project);

    DialogAnswer answer; // cancels
    answer.connectTo(window);
    QSignalSpy failed(&window, &ui::MainWindow::lockFailed);
    window.findChild<QAction*>(QStringLiteral("lockAction"))->trigger();
    REQUIRE(failed.wait(kTimeoutMs));
    CHECK(answer.opened == 1);
    const QString message = failed.front().at(0).toString();
    INFO(message.toStdString());
    CHECK(message.contains(QStringLiteral("private")));
    CHECK(message.contains(QStringLiteral("HTTP 401")));
    CHECK_FALSE(message.contains(QString::fromStdString(password)));
    CHECK_FALSE(message.contains(QStringLiteral("Typed-Not-Saved-3")));

    // The preview explains the failure and what to do next; nothing was written.
    auto* preview = window.relockPreview();
    REQUIRE(preview != nullptr);
    const QString explanation = preview->explanation()->toPlainText();
    CHECK(explanation.contains(QStringLiteral("private")));
    CHECK(explanation.contains(QStringLiteral("credentials")));
    CHECK_FALSE(explanation.contains(QStringLiteral("Typed-Not-Saved-3")));
    CHECK_FALSE(preview->acceptButton()->isVisibleTo(preview));
    CHECK_FALSE(fs::exists(served.project / "pylock.toml"));
    CHECK_FALSE(window.isBusy());
    CHECK(window.findChild<QAction*>(QStringLiteral("lockAction"))->isEnabled());
}

TEST_CASE("Test in the Indexes tab asks for missing credentials and shows the index authenticated",
          "[ui][indexes][credentials][keychain]")
{
    const std::string password = "Window-Test-Pass-43";
    ServedProject served(password);
    test::ScriptedPrompter prompter;
    const auto options = served.windowOptions(&prompter);
    ui::MainWindow window(options);
    window.show();
    openAndWait(window, served.project);

    auto* view = window.findChild<ui::IndexesView*>();
    REQUIRE(view != nullptr);
    auto* model = view->projectModel();
    REQUIRE(QTest::qWaitFor([&] { return model->rowCount() == 1; }, kTimeoutMs));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return model->index(0, ui::IndexModel::Credentials).data().toString() == QStringLiteral("none");
        },
        kTimeoutMs));

    DialogAnswer answer{.password = QString::fromStdString(password)};
    answer.connectTo(window);
    QSignalSpy tested(view, &ui::IndexesView::testFinished);
    view->table()->selectRow(0);
    child<QAction>(view, "testIndexAction")->trigger();
    REQUIRE(tested.wait(kTimeoutMs));
    CHECK(answer.opened == 1);
    CHECK(answer.indexText.contains(QStringLiteral("private")));

    const QString status = model->index(0, ui::IndexModel::LastTest).data().toString();
    INFO(status.toStdString());
    CHECK(status.startsWith(QStringLiteral("OK · ")));
    CHECK(model->index(0, ui::IndexModel::TestVerdictRole).data().toInt() ==
          static_cast<int>(index::ConnectionReport::Verdict::Usable));
    // Authenticated with the credentials the dialog kept in the keychain.
    REQUIRE(QTest::qWaitFor(
        [&] {
            return model->index(0, ui::IndexModel::Credentials).data().toString() ==
                   QStringLiteral("keychain");
        },
        kTimeoutMs));
    const auto stored = loadFromKeychain(options.keychainService, served.indexUrl);
    REQUIRE(stored);
    CHECK(stored->password == password);
    // nginx saw the anonymous 401, then the test again with the saved credentials answered 200.
    CHECK(served.nginx->waitForRequestCount(3) >= 3);
}

TEST_CASE("the window's jobs use the cache directory from the Settings dialog, from the next job on",
          "[ui][workflows][settings]")
{
    ServedProject served(std::nullopt);
    test::ScriptedPrompter prompter;
    auto options = served.windowOptions(&prompter);
    options.useKeychain = false;
    ui::MainWindow window(options);
    window.show();
    openAndWait(window, served.project);
    CHECK(window.indexAccess().cacheDirectory == options.cacheDirectory);

    // Set in the Settings dialog while the window runs.
    const fs::path chosen = served.dir / "chosen-cache";
    window.findChild<QAction*>(QStringLiteral("settingsAction"))->trigger();
    auto* settings = window.findChild<ui::SettingsDialog*>();
    REQUIRE(settings != nullptr);
    child<QLineEdit>(settings, "cacheDirectoryEdit")->setText(test::qpath(chosen));
    child<QSpinBox>(settings, "concurrencySpin")->setValue(3);
    child<QDialogButtonBox>(settings, "buttonBox")->button(QDialogButtonBox::Ok)->click();
    CHECK(window.indexAccess().cacheDirectory == chosen);
    CHECK(window.indexAccess().concurrency == 3);

    QSignalSpy shown(&window, &ui::MainWindow::lockPreviewShown);
    QSignalSpy failed(&window, &ui::MainWindow::lockFailed);
    window.findChild<QAction*>(QStringLiteral("lockAction"))->trigger();
    REQUIRE(shown.wait(kTimeoutMs));
    INFO("lock failures: " << (failed.isEmpty() ? std::string()
                                                : failed.front().at(0).toString().toStdString()));
    REQUIRE(failed.isEmpty());
    // The index's pages were cached in the chosen directory, none in the default one.
    CHECK_FALSE(filesBelow(chosen).empty());
    CHECK(filesBelow(options.cacheDirectory).empty());
}

TEST_CASE("the confusion check reads an index behind basic auth with the keychain's credentials, the "
          "Settings dialog's access and the credentials dialog when none work",
          "[ui][workflows][confusion][credentials][keychain]")
{
    const std::string password = "Window-Confusion-Pass-44";
    ServedProject served(password);
    // A second index, flat and searched first, that the lock took alpha from; the nginx index
    // (the default, searched last) lists the same name.
    const fs::path internal = served.project / "internal";
    fs::create_directories(internal);
    for (const auto& file : filesBelow(served.dir / "indexes" / "private" / "files")) {
        if (file.filename().string().starts_with("alpha-") && file.extension() == ".whl")
            fs::copy_file(file, internal / file.filename());
    }
    REQUIRE(filesBelow(internal).size() == 1);
    std::ofstream(served.project / "pyproject.toml", std::ios::app | std::ios::binary)
        << "\n[[tool.uv.index]]\nname = \"internal\"\nurl = \"./internal\"\nformat = \"flat\"\n";
    std::ofstream(served.project / "pylock.toml", std::ios::binary)
        << "lock-version = \"1.0\"\ncreated-by = \"pindex-tests\"\n\n[[packages]]\nname = \"alpha\"\n"
           "version = \"1.0.0\"\nindex = \""
        << internal.string() << "\"\n";

    test::ScriptedPrompter prompter;
    const auto options = served.windowOptions(&prompter);
    DialogAnswer answer{.password = QString::fromStdString(password)};
    SECTION("credentials in the keychain: no dialog")
    {
        ui::KeychainStore keychain(options.keychainService);
        std::optional<Status> saved;
        auth::CredentialVault(keychain).save(served.indexUrl, {.username = "alice", .password = password},
                                             [&](Status status) { saved = std::move(status); });
        REQUIRE(QTest::qWaitFor([&] { return saved.has_value(); }, 10000));
        REQUIRE(*saved);
        answer.password.reset(); // a dialog would cancel, failing the check
    }
    SECTION("no credentials anywhere: the dialog opens and the check resumes after the save")
    {}

    ui::MainWindow window(options);
    window.show();
    openAndWait(window, served.project);
    answer.connectTo(window);

    // The Settings dialog's cache directory and concurrency, read when the check starts.
    const fs::path chosen = served.dir / "chosen-cache";
    window.findChild<QAction*>(QStringLiteral("settingsAction"))->trigger();
    auto* settings = window.findChild<ui::SettingsDialog*>();
    REQUIRE(settings != nullptr);
    child<QLineEdit>(settings, "cacheDirectoryEdit")->setText(test::qpath(chosen));
    child<QSpinBox>(settings, "concurrencySpin")->setValue(2);
    child<QDialogButtonBox>(settings, "buttonBox")->button(QDialogButtonBox::Ok)->click();

    auto* view = window.confusionView();
    QSignalSpy checked(view, &ui::ConfusionView::checkFinished);
    QTest::mouseClick(view->checkButton(), Qt::LeftButton);
    REQUIRE(checked.wait(kTimeoutMs));
    INFO(view->summaryLabel()->text().toStdString());
    REQUIRE(checked.front().at(0).toBool());
    CHECK(answer.opened == (answer.password ? 1 : 0));
    // The authenticated index's answer was read: it lists alpha too.
    REQUIRE(view->model()->rowCount() == 1);
    CHECK(view->model()->index(0, ui::ConfusionModel::Package).data().toString() == QStringLiteral("alpha"));
    CHECK(view->model()->index(0, ui::ConfusionModel::Intended).data().toString() ==
          QStringLiteral("internal"));
    CHECK(view->model()->index(0, ui::ConfusionModel::Other).data().toString() == QStringLiteral("private"));
    CHECK_FALSE(view->summaryLabel()->text().contains(QString::fromStdString(password)));
    // The page came through the chosen cache, none through the default one.
    CHECK_FALSE(filesBelow(chosen).empty());
    CHECK(filesBelow(options.cacheDirectory).empty());
}

TEST_CASE("Sync from an index whose wheels need credentials asks for them, saves them and installs",
          "[ui][workflows][sync][credentials][keychain]")
{
    const std::string password = "Window-Sync-Pass-45";
    ServedProject served(password);
    test::ScriptedPrompter prompter;
    {
        // The lock, made by a window whose keychain service the next window does not share.
        ui::MainWindow window(served.windowOptions(&prompter));
        window.show();
        openAndWait(window, served.project);
        DialogAnswer answer{.password = QString::fromStdString(password)};
        answer.connectTo(window);
        QSignalSpy shown(&window, &ui::MainWindow::lockPreviewShown);
        window.findChild<QAction*>(QStringLiteral("lockAction"))->trigger();
        REQUIRE(shown.wait(kTimeoutMs));
        auto* preview = window.relockPreview();
        REQUIRE(preview != nullptr);
        QSignalSpy written(&window, &ui::MainWindow::lockWritten);
        QTest::mouseClick(preview->acceptButton(), Qt::LeftButton);
        REQUIRE(written.wait(kTimeoutMs));
    }
    const auto options = served.windowOptions(&prompter); // an empty keychain service
    ui::MainWindow window(options);
    window.show();
    openAndWait(window, served.project);
    DialogAnswer answer{.password = QString::fromStdString(password)};
    answer.connectTo(window);

    QSignalSpy synced(&window, &ui::MainWindow::syncFinished);
    window.findChild<QAction*>(QStringLiteral("syncAction"))->trigger();
    REQUIRE(synced.wait(120000));
    INFO("sync summary: " << window.findChild<QLabel*>(QStringLiteral("syncSummary"))->text().toStdString());
    REQUIRE(synced.front().at(0).toBool());
    // The dialog opened once, for the index, and the sync resumed with what was saved.
    CHECK(answer.opened == 1);
    CHECK(answer.indexText.contains(QStringLiteral("private")));
    CHECK(answer.reasonText.contains(QStringLiteral("401")));
    CHECK(fs::exists(served.project / ".venv" / "pyvenv.cfg"));
    // The Environment tab reads the venv again after the sync, in the background: its rows show
    // what was installed once every locked version is listed as installed.
    auto* environment = window.environmentModel();
    const auto installedAsLocked = [environment] {
        if (environment->rowCount() != 2)
            return false;
        for (int row = 0; row < environment->rowCount(); ++row) {
            const QString installed =
                environment->index(row, ui::EnvironmentModel::Installed).data().toString();
            if (installed.isEmpty() ||
                installed != environment->index(row, ui::EnvironmentModel::Locked).data().toString())
                return false;
        }
        return true;
    };
    QSignalSpy refreshed(&window, &ui::MainWindow::projectRefreshed);
    for (int attempt = 0; attempt < 5 && !installedAsLocked(); ++attempt)
        if (!refreshed.wait(kTimeoutMs))
            break;
    CHECK(installedAsLocked());
    const auto stored = loadFromKeychain(options.keychainService, served.indexUrl);
    REQUIRE(stored);
    CHECK(stored->password == password);
    // No secret in the venv's records of where the wheels came from.
    for (const auto& file : filesBelow(served.project / ".venv")) {
        if (file.filename() == "direct_url.json" || file.filename() == "RECORD")
            CHECK(test::readText(file).find(password) == std::string::npos);
    }
}
