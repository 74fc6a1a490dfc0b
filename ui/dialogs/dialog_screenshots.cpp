#include "ui/dialogs/dialog_screenshots.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>

#include "core/auth/memory_store.h"
#include "core/diff/git_commit.h"
#include "core/install/project_lock.h"
#include "core/util/file_io.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/dialogs/credentials_dialog.h"
#include "ui/dialogs/dependency_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

bool save(QWidget* widget, const QString& directory, const QString& name)
{
    widget->show();
    widget->adjustSize();
    return widget->grab().save(QDir(directory).filePath(QStringLiteral("dialog-%1.png").arg(name)));
}

} // namespace

Status prepareScreenshotProject(const std::filesystem::path& directory,
                                const std::filesystem::path& cacheDirectory)
{
    const auto pyproject = directory / "pyproject.toml";
    auto current = readFile(pyproject);
    if (!current)
        return std::unexpected(current.error());
    // A second flat index, searched after the demo's own, that also lists two of its packages:
    // what the confusion check is for.
    const std::string ownIndex = "url = \"./wheels\"\nformat = \"flat\"\ndefault = true\n";
    if (const auto at = current->find(ownIndex); at != std::string::npos) {
        current->replace(
            at, ownIndex.size(),
            "url = \"./wheels\"\nformat = \"flat\"\n\n[[tool.uv.index]]\nname = \"pypi-mirror\"\n"
            "url = \"./mirror\"\nformat = \"flat\"\ndefault = true\n");
        std::error_code error;
        std::filesystem::create_directories(directory / "mirror", error);
        for (const auto& entry : std::filesystem::directory_iterator(directory / "wheels", error)) {
            const std::string name = entry.path().filename().string();
            if (name.starts_with("tinyjson-") || name.starts_with("colorprint-"))
                std::filesystem::copy_file(entry.path(), directory / "mirror" / name, error);
        }
    }
    std::string earlier = *current;
    for (const auto& [now, before] :
         {std::pair<std::string, std::string>{"\"tinyjson>=2,<3\"", "\"tinyjson>=1,<2\""},
          {"[dependency-groups]\ndev = [\"testkit>=1.1\"]\n", ""}}) {
        if (const auto at = earlier.find(now); at != std::string::npos)
            earlier.replace(at, now.size(), before);
    }
    if (auto written = writeFileAtomic(pyproject, earlier); !written)
        return written;
    auto locked =
        install::lockProject({.directory = directory, .offline = true, .cacheDirectory = cacheDirectory});
    if (!locked)
        return std::unexpected(locked.error());
    if (auto written = install::writeProjectLock(*locked); !written)
        return written;
    if (auto committed = diff::commitFiles({.workTree = directory,
                                            .paths = {"pyproject.toml", "pylock.toml"},
                                            .message = "Lock the first dependencies"});
        !committed)
        return committed;
    return writeFileAtomic(pyproject, *current);
}

bool saveDialogScreenshots(const QString& directory, const QString& projectDirectory)
{
    bool saved = true;
    auth::MemoryStore session;
    AddIndexWizard wizard(std::filesystem::path(toStdString(projectDirectory)) / "pyproject.toml",
                          {.session = &session});
    wizard.resize(720, 560);
    auto* source = wizard.page(AddIndexWizard::SourcePage);
    if (auto* presets = source->findChild<QComboBox*>(QStringLiteral("presetCombo")))
        presets->setCurrentIndex(presets->findData(QStringLiteral("artifactory")));
    if (auto* host = source->findChild<QLineEdit*>(QStringLiteral("presetField_host")))
        host->setText(QStringLiteral("acme.jfrog.io"));
    if (auto* repository = source->findChild<QLineEdit*>(QStringLiteral("presetField_repository"))) {
        repository->setText(QStringLiteral("pypi-local"));
        Q_EMIT repository->textEdited(repository->text());
    }
    saved = save(&wizard, directory, QStringLiteral("wizard-source")) && saved;
    wizard.next();
    saved = save(&wizard, directory, QStringLiteral("wizard-role")) && saved;
    wizard.hide();

    // The credentials dialog as a 401 opens it, filled in (the password stays masked).
    CredentialsDialog credentials(
        {.name = "corp", .url = "https://acme.jfrog.io/artifactory/api/pypi/pypi-local/simple/"},
        {.keychain = nullptr, .session = &session});
    // The prompt's own sentence (its translation is the prompt's).
    credentials.setReason(
        QCoreApplication::translate("pindex::ui::CredentialPrompt",
                                    "The index answered HTTP %1: it needs credentials that work.")
            .arg(401));
    if (auto* user = credentials.findChild<QLineEdit*>(QStringLiteral("usernameEdit")))
        user->setText(QStringLiteral("alice"));
    if (auto* password = credentials.findChild<QLineEdit*>(QStringLiteral("passwordEdit")))
        password->setText(QStringLiteral("an-access-token"));
    saved = save(&credentials, directory, QStringLiteral("credentials")) && saved;
    credentials.hide();

    // Adding a dependency: the requirement checked as it is typed.
    DependencyDialog dependency({QStringLiteral("cli")}, {QStringLiteral("dev")});
    dependency.requirementEdit()->setText(QStringLiteral("acme-core[cli]~=1.4"));
    saved = save(&dependency, directory, QStringLiteral("addDependency")) && saved;
    dependency.hide();

    // The settings dialog over a scratch settings file (the user's settings stay untouched).
    QTemporaryDir scratch;
    QSettings settings(scratch.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    SettingsDialog dialog(&settings);
    saved = save(&dialog, directory, QStringLiteral("settings")) && saved;
    return saved;
}

} // namespace pindex::ui
