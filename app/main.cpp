// pindex: with no subcommand, the desktop window; with one, the headless command line.

#include "app/commands.h"
#include "app/version.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

#include <iostream>
#include <string>
#include <vector>

namespace {

// The window takes `[--project DIR]` or a bare folder; anything else is a subcommand.
bool wantsWindow(const std::vector<std::string>& words)
{
    if (words.empty())
        return true;
    if (words.front() == "--project")
        return words.size() == 2;
    return words.size() == 1 && !words.front().starts_with('-')
        && pindex::app::findCommand(words.front()) == nullptr
        && QFileInfo(QString::fromStdString(words.front())).isDir();
}

} // namespace

int main(int argc, char* argv[])
{
    std::vector<std::string> words(argv + 1, argv + argc);
    if (!wantsWindow(words))
        return pindex::app::runCommandLine(words, std::cout, std::cerr);

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Pindex"));
    QApplication::setOrganizationName(QStringLiteral("Pindex"));
    QApplication::setApplicationVersion(QStringLiteral(PINDEX_VERSION));

    pindex::ui::MainWindow window;
    window.show();
    QString directory = words.empty() ? QString() : QString::fromStdString(words.back());
    if (directory.isEmpty() && QFileInfo::exists(QDir::current().filePath(QStringLiteral("pyproject.toml"))))
        directory = QDir::currentPath();
    if (!directory.isEmpty())
        window.openProject(directory);
    return QApplication::exec();
}
