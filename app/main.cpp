// pindex: with no subcommand, the desktop window; with one, the headless command line.

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include "app/commands.h"
#include "app/version.h"
#include "ui/dialogs/dialog_screenshots.h"
#include "ui/main_window.h"
#include "ui/translations.h"

namespace {

struct WindowOptions
{
    QString projectDirectory;
    QString screenshotDirectory; // --screenshots DIR: save each tab once the project shows, then quit
    QString language;            // --lang CODE: the interface language (en, de)
};

// The window takes `[--project DIR | DIR] [--screenshots DIR] [--lang CODE]`; anything else is a
// subcommand.
std::optional<WindowOptions> windowOptions(const std::vector<std::string>& words)
{
    WindowOptions options;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if ((word == "--project" || word == "--screenshots") && i + 1 < words.size()) {
            const QString value = QString::fromStdString(words[++i]);
            (word == "--project" ? options.projectDirectory : options.screenshotDirectory) = value;
        } else if (word == "--lang" && i + 1 < words.size()) {
            options.language = QString::fromStdString(words[++i]);
        } else if (!word.starts_with('-') && pindex::app::findCommand(word) == nullptr &&
                   options.projectDirectory.isEmpty() && QFileInfo(QString::fromStdString(word)).isDir()) {
            options.projectDirectory = QString::fromStdString(word);
        } else {
            return std::nullopt;
        }
    }
    return options;
}

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

} // namespace

int main(int argc, char* argv[])
{
    const std::vector<std::string> words(argv + 1, argv + argc);
    const auto options = windowOptions(words);
    if (!options)
        return pindex::app::runCommandLine(words, std::cout, std::cerr);

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Pindex"));
    QApplication::setOrganizationName(QStringLiteral("Pindex"));
    QApplication::setApplicationVersion(QStringLiteral(PINDEX_VERSION));
    // The desktop entry and icon installed by the package (resources/linux) carry this id.
    QApplication::setDesktopFileName(QStringLiteral("io.github.pindex.Pindex"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pindex.svg")));
    // The interface language: --lang, else the Settings dialog's choice, else the system's (LANG).
    pindex::ui::installTranslations(
        application, pindex::ui::chooseLanguage(
                         options->language, QSettings().value(QLatin1String(pindex::ui::kLanguageSetting)).toString()));

    pindex::ui::MainWindow window;
    window.show();
    QString directory = options->projectDirectory;
    if (directory.isEmpty() && QFileInfo::exists(QDir::current().filePath(QStringLiteral("pyproject.toml"))))
        directory = QDir::currentPath();
    if (!options->screenshotDirectory.isEmpty()) {
        const QString target = options->screenshotDirectory;
        QObject::connect(&window, &pindex::ui::MainWindow::projectLoaded, &window,
                         [&window, target] { saveScreenshotsAndQuit(&window, target); });
        QObject::connect(&window, &pindex::ui::MainWindow::projectLoadFailed, &window,
                         [&window, target] { saveScreenshotsAndQuit(&window, target); });
    }
    if (!directory.isEmpty())
        window.openProject(directory);
    return QApplication::exec();
}
