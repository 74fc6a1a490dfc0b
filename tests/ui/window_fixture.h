#pragma once

// Shared pieces of the main-window tests: a scripted Prompter, window options that keep every test
// away from the user's settings, cache and keychain, and small file helpers.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <QString>
#include <QStringList>

#include "tests/support/temp_dir.h"
#include "ui/main_window.h"
#include "ui/prompter.h"

namespace pindex::test {

// Answers what the test scripted and remembers every message shown.
class ScriptedPrompter final : public ui::Prompter
{
public:
    QString nextDirectory;
    QString nextFile;
    bool confirmAnswer = true;
    QStringList warnings;
    QStringList informations;

    [[nodiscard]] QString chooseDirectory(QWidget* /*parent*/, const QString& /*title*/) override
    {
        return nextDirectory;
    }
    [[nodiscard]] QString chooseFile(QWidget* /*parent*/, const QString& /*title*/,
                                     const QString& /*filter*/) override
    {
        return nextFile;
    }
    [[nodiscard]] bool confirm(QWidget* /*parent*/, const QString& /*title*/,
                               const QString& /*text*/) override
    {
        return confirmAnswer;
    }
    void inform(QWidget* /*parent*/, const QString& /*title*/, const QString& text) override
    {
        informations << text;
    }
    void warn(QWidget* /*parent*/, const QString& /*title*/, const QString& text) override
    {
        warnings << text;
    }
};

// Options for a window under test: settings and cache inside `dir`, offline, a fixed lock target
// (CPython 3.11 on x86-64 Linux), no OS keychain.
inline ui::MainWindowOptions windowOptions(const TempDir& dir, ui::Prompter* prompter)
{
    ui::MainWindowOptions options;
    options.settingsFile = QString::fromStdString((dir / "settings.ini").string());
    options.prompter = prompter;
    options.lockPython = "3.11";
    options.lockPlatform = "linux-x86_64";
    options.offline = true;
    options.cacheDirectory = dir / "cache";
    options.useKeychain = false;
    return options;
}

inline std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Writes like an editor that saves by renaming a new file over the old one.
inline void replaceByRename(const std::filesystem::path& file, const std::string& text)
{
    const auto temporary = file.parent_path() / (file.filename().string() + ".swp");
    std::ofstream(temporary, std::ios::binary | std::ios::trunc) << text;
    std::filesystem::rename(temporary, file);
}

inline QString qpath(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

} // namespace pindex::test
