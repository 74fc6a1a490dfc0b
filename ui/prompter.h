#pragma once

// Prompter: every message box and file picker the window shows goes through this interface, so
// UI tests script the answers instead of facing a modal dialog. QtPrompter is the real one.

#include <QString>

class QWidget;

namespace pindex::ui {

class Prompter
{
public:
    virtual ~Prompter() = default;
    // Empty when the user cancelled.
    [[nodiscard]] virtual QString chooseDirectory(QWidget* parent, const QString& title) = 0;
    // `filter` in QFileDialog's form ("Lockfiles (*.lock *.toml);;All files (*)").
    [[nodiscard]] virtual QString chooseFile(QWidget* parent, const QString& title,
                                             const QString& filter) = 0;
    [[nodiscard]] virtual bool confirm(QWidget* parent, const QString& title, const QString& text) = 0;
    virtual void inform(QWidget* parent, const QString& title, const QString& text) = 0;
    virtual void warn(QWidget* parent, const QString& title, const QString& text) = 0;
};

class QtPrompter final : public Prompter
{
public:
    [[nodiscard]] QString chooseDirectory(QWidget* parent, const QString& title) override;
    [[nodiscard]] QString chooseFile(QWidget* parent, const QString& title, const QString& filter) override;
    [[nodiscard]] bool confirm(QWidget* parent, const QString& title, const QString& text) override;
    void inform(QWidget* parent, const QString& title, const QString& text) override;
    void warn(QWidget* parent, const QString& title, const QString& text) override;
};

} // namespace pindex::ui
