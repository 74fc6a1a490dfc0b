// The About dialog: the version it is given, every library of `pindex --version` plus Qt and
// QtKeychain, the copy button, and Help > About Pindex in the main window.

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "core/build_info.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/main_window.h"
#include "ui/qt_text.h"

using namespace pindex;

namespace {

QStringList columnOf(const QTreeWidget* tree, int column)
{
    QStringList values;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        values << tree->topLevelItem(row)->text(column);
    return values;
}

} // namespace

TEST_CASE("the About dialog shows the version and every library version", "[ui][about]")
{
    ui::AboutDialog dialog(QStringLiteral("9.8.7"));
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));

    auto* title = dialog.findChild<QLabel*>(QStringLiteral("aboutTitle"));
    REQUIRE(title != nullptr);
    CHECK(title->text().contains(QStringLiteral("Pindex 9.8.7")));

    auto* libraries = dialog.findChild<QTreeWidget*>(QStringLiteral("libraryVersions"));
    REQUIRE(libraries != nullptr);
    QStringList expectedNames;
    QStringList expectedVersions;
    for (const auto& library : libraryVersions()) {
        expectedNames << ui::toQString(library.name);
        expectedVersions << ui::toQString(library.version);
    }
    expectedNames << QStringLiteral("Qt") << QStringLiteral("QtKeychain");
    CHECK(columnOf(libraries, 0) == expectedNames);
    const QStringList versions = columnOf(libraries, 1);
    CHECK(versions.mid(0, expectedVersions.size()) == expectedVersions);
    CHECK(versions.at(expectedVersions.size()).startsWith(QString::fromLatin1(qVersion())));
    CHECK_FALSE(versions.last().isEmpty());

    auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copyVersionButton"));
    REQUIRE(copy != nullptr);
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    CHECK(copied == dialog.versionText());
    CHECK(copied.startsWith(QStringLiteral("pindex 9.8.7\n  libcurl ")));
    CHECK(copied.contains(QStringLiteral("\n  QtKeychain ")));
}

TEST_CASE("Help > About Pindex opens the About dialog with the application's version",
          "[ui][about][main_window]")
{
    const QString previousVersion = QCoreApplication::applicationVersion();
    QCoreApplication::setApplicationVersion(QStringLiteral("1.2.3"));

    ui::MainWindow window;
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
    REQUIRE(about != nullptr);
    CHECK(about->text() == QStringLiteral("&About Pindex"));
    about->trigger();

    QPointer<ui::AboutDialog> dialog = window.findChild<ui::AboutDialog*>(QStringLiteral("aboutDialog"));
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    CHECK(dialog->findChild<QLabel*>(QStringLiteral("aboutTitle"))
              ->text()
              .contains(QStringLiteral("Pindex 1.2.3")));

    // Closing deletes it: the window does not collect dialogs.
    QSignalSpy destroyed(dialog.data(), &QObject::destroyed);
    dialog->reject();
    // The deletion is deferred; deliver it (the test body runs outside any event loop).
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK(destroyed.count() == 1);
    CHECK(dialog.isNull());

    QCoreApplication::setApplicationVersion(previousVersion);
}
