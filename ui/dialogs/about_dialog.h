#pragma once

// The About dialog: Pindex's version (the one set by project(VERSION), handed over by the caller),
// the versions of the libraries it was built with and runs on, the licence, and a button that
// copies the same text as `pindex --version` for bug reports. addHelpMenu gives a main window the
// Help menu that opens it.

#include <QDialog>

class QMainWindow;
class QTreeWidget;

namespace pindex::ui {

class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const QString& version, QWidget* parent = nullptr);

    // "pindex VERSION" then one indented "name version" line per library, as `pindex --version`
    // prints it, plus the Qt and QtKeychain lines.
    [[nodiscard]] QString versionText() const;

private:
    QString m_version;
    QTreeWidget* m_libraries;
};

// Adds Help > About Pindex (objectName "aboutAction") to `window`'s menu bar. The dialog shows
// QCoreApplication::applicationVersion(), is window-modal without blocking, and is deleted on close.
void addHelpMenu(QMainWindow* window);

} // namespace pindex::ui
