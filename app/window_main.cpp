// pindex-window: the Pindex window. `pindex` without a subcommand replaces itself with this
// program (app/main.cpp), so that the command line maps no Qt library; it is not meant to be run
// by hand and takes the window's options only.

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "app/version.h"
#include "app/window_options.h"
#include "core/util/process_protection.h"
#include "ui/dialogs/dialog_screenshots.h"
#include "ui/main_window.h"
#include "ui/translations.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dependencies_view.h"
#include "ui/views/relock_preview.h"

namespace {

// Saves the window once per tab as DIR/window-<tab>.png, then quits.
void saveScreenshotsAndQuit(pindex::ui::MainWindow* window, const QString& directory)
{
    QTimer::singleShot(0, window, [window, directory] {
        QDir().mkpath(directory);
        bool saved = true;
        QTabWidget* tabs = window->tabs();
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            const QString file = QDir(directory).filePath(
                QStringLiteral("window-%1.png").arg(tabs->widget(tab)->objectName()));
            if (!window->grab().save(file)) {
                std::cerr << "pindex: cannot save the screenshot " << file.toStdString() << '\n';
                saved = false;
            }
        }
        // The add-index wizard and the Settings dialog (rendered without touching the project).
        saved = pindex::ui::saveDialogScreenshots(directory, QString()) && saved;
        QApplication::exit(saved ? 0 : 1);
    });
}

// The screenshot tour on a scratch copy of the project, so every view has real content: open,
// Lock (the preview is saved too, then accepted), Sync, the confusion check, then every tab.
void runScreenshotTour(pindex::ui::MainWindow* window, const QString& target)
{
    using pindex::ui::MainWindow;
    auto finish = [window, target] { saveScreenshotsAndQuit(window, target); };
    auto started = std::make_shared<bool>(false);
    QObject::connect(window, &MainWindow::projectLoaded, window, [window, started] {
        if (!std::exchange(*started, true))
            window->lockProject();
    });
    QObject::connect(window, &MainWindow::projectLoadFailed, window, finish);
    QObject::connect(window, &MainWindow::lockPreviewShown, window, [window, target] {
        QTimer::singleShot(200, window, [window, target] {
            QDir().mkpath(target);
            auto* preview = window->relockPreview();
            if (preview == nullptr)
                return;
            (void)preview->grab().save(QDir(target).filePath(QStringLiteral("dialog-relockPreview.png")));
            preview->accept();
        });
    });
    QObject::connect(window, &MainWindow::lockFailed, window, finish);
    QObject::connect(window, &MainWindow::lockWritten, window, [window] { window->syncProject(); });
    QObject::connect(window, &MainWindow::syncFinished, window, [window] {
        window->tabs()->setCurrentWidget(window->confusionView());
        window->confusionView()->runCheck();
    });
    QObject::connect(window->confusionView(), &pindex::ui::ConfusionView::checkFinished, window,
                     [window, finish] {
                         window->tabs()->setCurrentIndex(0);
                         window->dependenciesView()
                             ->findChild<QCheckBox*>(QStringLiteral("showTransitive"))
                             ->setChecked(true);
                         QTimer::singleShot(300, window, finish);
                     });
}

} // namespace

int main(int argc, char* argv[])
{
    // Secrets pass through this process's memory: no core dump may keep them (the dumpable flag
    // `pindex` set does not survive execve).
    pindex::disableCoreDumps();
    const std::vector<std::string> words(argv + 1, argv + argc);
    // `pindex` has already told the window's options from a command's; here no word is a command.
    const auto options =
        pindex::app::parseWindowOptions(words, [](std::string_view /*word*/) { return false; });
    if (!options) {
        std::cerr
            << "pindex-window: usage: pindex [--project DIR | DIR] [--screenshots DIR] [--lang CODE]\n"
               "(this program opens the Pindex window for pindex; run pindex --help for the commands)\n";
        return 2;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Pindex"));
    QApplication::setOrganizationName(QStringLiteral("Pindex"));
    QApplication::setApplicationVersion(QStringLiteral(PINDEX_VERSION));
    // The interface language: --lang, else the Settings dialog's choice, else the system's (LANG).
    pindex::ui::installTranslations(
        application, pindex::ui::chooseLanguage(
                         QString::fromStdString(options->language),
                         QSettings().value(QLatin1String(pindex::ui::kLanguageSetting)).toString()));
    // The desktop entry and icon installed by the package (resources/linux) carry this id.
    QApplication::setDesktopFileName(QStringLiteral("io.github.pindex.Pindex"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pindex.svg")));

    QString directory = QString::fromStdString(options->projectDirectory);
    if (directory.isEmpty() && QFileInfo::exists(QDir::current().filePath(QStringLiteral("pyproject.toml"))))
        directory = QDir::currentPath();

    // Screenshots work on a scratch copy with its own settings and cache, never the user's.
    QTemporaryDir scratch;
    pindex::ui::MainWindowOptions windowSettings;
    const bool screenshots = !options->screenshotDirectory.empty();
    if (screenshots && !directory.isEmpty() && scratch.isValid()) {
        const std::filesystem::path copy = std::filesystem::path(scratch.path().toStdString()) / "demo";
        std::error_code error;
        std::filesystem::copy(
            directory.toStdString(), copy,
            std::filesystem::copy_options::recursive | std::filesystem::copy_options::skip_symlinks, error);
        std::filesystem::remove_all(copy / ".venv", error);
        std::filesystem::remove(copy / "pylock.toml", error);
        directory = QString::fromStdString(copy.string());
        windowSettings.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
        windowSettings.cacheDirectory = std::filesystem::path(scratch.path().toStdString()) / "cache";
        windowSettings.offline = true;
        windowSettings.useKeychain = false;
        // A git history whose HEAD holds an older lock, for the Lockfile tab to compare with.
        if (auto prepared = pindex::ui::prepareScreenshotProject(copy, windowSettings.cacheDirectory);
            !prepared)
            std::cerr << "pindex: the screenshot project has no git history: " << prepared.error().describe()
                      << '\n';
    }
    pindex::ui::MainWindow window(windowSettings);
    window.show();
    if (screenshots)
        runScreenshotTour(&window, QDir(QString::fromStdString(options->screenshotDirectory)).absolutePath());
    if (!directory.isEmpty())
        window.openProject(directory);
    return QApplication::exec();
}
