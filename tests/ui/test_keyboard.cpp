// The main window without a mouse: name completion in the add-dependency dialog from a real
// nginx-served index's project list, Tab through every tab reaching each control (each with a name
// a screen reader can announce), the window's shortcuts, and reordering indexes from the keyboard.

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMap>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>

#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/ui/window_fixture.h"
#include "ui/background.h"
#include "ui/dialogs/dependency_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/models/index_model.h"
#include "ui/views/dependencies_view.h"
#include "ui/views/relock_preview.h"

using namespace pindex;
namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutMs = 60000;

void openAndWait(ui::MainWindow& window, const fs::path& directory)
{
    QSignalSpy loaded(&window, &ui::MainWindow::projectLoaded);
    window.openProject(test::qpath(directory));
    REQUIRE(loaded.wait(kTimeoutMs));
}

void showActive(QWidget& window)
{
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

fs::path copyDemo(const test::TempDir& dir)
{
    const auto project = dir / "demo";
    test::copyTree(test::kDemoProjectDir, project);
    return project;
}

// The demo project copied to a temporary directory and open in a shown, active window.
struct OpenDemo
{
    test::TempDir dir;
    fs::path project = copyDemo(dir);
    test::ScriptedPrompter prompter;
    ui::MainWindow window{test::windowOptions(dir, &prompter)};

    OpenDemo()
    {
        showActive(window);
        openAndWait(window, project);
    }
};

// Presses `key` where the keyboard focus is (as a user would), or on `fallback` when nothing has it.
void press(QWidget* fallback, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = QApplication::focusWidget() != nullptr ? QApplication::focusWidget() : fallback;
    QTest::keyClick(target, key, modifiers);
}

// What a screen reader announces for the focused widget: its accessible name, or for a composite
// widget (a tab bar) the name of its focused part.
QString spokenName(QWidget* widget)
{
    QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
    if (accessible == nullptr)
        return {};
    QString name = accessible->text(QAccessible::Name).trimmed();
    if (name.isEmpty()) {
        if (QAccessibleInterface* part = accessible->focusChild(); part != nullptr && part != accessible)
            name = part->text(QAccessible::Name).trimmed();
    }
    return name;
}

QString describe(const QWidget* widget)
{
    return QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                         QString::fromLatin1(widget->metaObject()->className()));
}

// The controls a user can reach in `window` right now: shown, enabled, taking focus from Tab.
QList<QWidget*> tabStops(QWidget* window)
{
    QList<QWidget*> stops;
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        if (widget->window() == window && widget->isVisible() && widget->isEnabled() &&
            (widget->focusPolicy() & Qt::TabFocus) == Qt::TabFocus && widget->focusProxy() == nullptr)
            stops << widget;
    }
    return stops;
}

struct TabWalk
{
    QList<QWidget*> reached;
    QStringList traps; // controls that kept the focus after a Tab press
};

// Presses Tab from `start` until the focus comes back to it (or a bound of presses).
TabWalk walkWithTab(QWidget* start)
{
    TabWalk walk;
    start->setFocus(Qt::TabFocusReason);
    QWidget* previous = nullptr;
    for (int presses = 0; presses < 200; ++presses) {
        QWidget* focus = QApplication::focusWidget();
        if (focus == nullptr)
            break;
        if (focus == previous && !walk.traps.contains(describe(focus)))
            walk.traps << describe(focus);
        if (presses > 0 && focus == start)
            break;
        if (!walk.reached.contains(focus))
            walk.reached << focus;
        previous = focus;
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    return walk;
}

QString indexNames(const QAbstractItemModel* model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, ui::IndexModel::Name).data().toString();
    return names.join(QLatin1Char(','));
}

} // namespace

TEST_CASE("the add-dependency dialog completes names from an nginx-served index, chosen by keyboard",
          "[ui][keyboard][completion]")
{
    test::TempDir served;
    fs::create_directories(served / "simple");
    std::ofstream(served / "simple/index.html")
        << "<html><body><a href=\"acme-core/\">acme-core</a><a href=\"acme-web/\">acme-web</a>"
           "<a href=\"acme-widgets/\">acme-widgets</a><a href=\"zeta/\">zeta</a></body></html>\n";
    std::ofstream(served / "simple/index.json")
        << R"({"meta": {"api-version": "1.1"}, "projects": [{"name": "acme-core"}, {"name": "acme-web"},)"
           R"( {"name": "acme-widgets"}, {"name": "zeta"}]})"
        << '\n';
    test::NginxFixture nginx({.root = served.path()});

    test::TempDir dir;
    const auto project = dir / "app";
    fs::create_directories(project);
    std::ofstream(project / "pyproject.toml", std::ios::binary)
        << "[project]\nname = \"app\"\nversion = \"1.0\"\ndependencies = [\"zeta\"]\n\n"
           "[[tool.uv.index]]\nname = \"corp\"\nurl = \""
        << nginx.url("/simple/") << "\"\n";
    test::ScriptedPrompter prompter;
    auto options = test::windowOptions(dir, &prompter);
    options.offline = false; // loopback only: the nginx fixture
    ui::MainWindow window(options);
    showActive(window);
    openAndWait(window, project);

    // Alt+A is the Dependencies tab's Add… button.
    QTest::keyClick(&window, Qt::Key_A, Qt::AltModifier);
    // A button's mnemonic animates the click: the button is released, and the dialog opens, once
    // the event loop has turned a few times.
    ui::DependencyDialog* dialog = nullptr;
    REQUIRE(QTest::qWaitFor([&] { return (dialog = window.findChild<ui::DependencyDialog*>()) != nullptr; },
                            kTimeoutMs));
    REQUIRE(QTest::qWaitForWindowActive(dialog));
    QLineEdit* edit = dialog->requirementEdit();
    // The focus moves into the dialog once the window system has activated it.
    CHECK(QTest::qWaitFor([&] { return QApplication::focusWidget() == edit; }, kTimeoutMs));
    QCompleter* completer = edit->completer();
    REQUIRE(completer != nullptr);
    // The project list arrives from nginx in the background.
    REQUIRE(QTest::qWaitFor([&] { return completer->model()->rowCount() >= 4; }, kTimeoutMs));
    CHECK(nginx.waitForRequestCount(1) >= 1);

    QTest::keyClicks(edit, QStringLiteral("acme-w"));
    CHECK(completer->completionCount() == 2);
    REQUIRE(completer->popup()->isVisible());
    CHECK(completer->popup()->model()->index(0, 0).data().toString() == QStringLiteral("acme-web"));
    CHECK(completer->popup()->model()->index(1, 0).data().toString() == QStringLiteral("acme-widgets"));

    // Down, Down, Return: the second proposal fills the name.
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    CHECK_FALSE(completer->popup()->isVisible());
    CHECK(edit->text() == QStringLiteral("acme-widgets"));

    // A version range, then Return accepts the dialog and the requirement is written.
    QTest::keyClicks(edit, QStringLiteral(">=2"));
    if (completer->popup()->isVisible())
        QTest::keyClick(completer->popup(), Qt::Key_Escape);
    QSignalSpy edited(&window, &ui::MainWindow::editFinished);
    QSignalSpy refreshed(&window, &ui::MainWindow::projectRefreshed);
    QTest::keyClick(edit, Qt::Key_Return);
    REQUIRE(edited.wait(kTimeoutMs));
    CHECK(edited.front().at(0).toBool());
    // The new requirement goes into the sorted list at its place.
    CHECK(test::readText(project / "pyproject.toml").find("[\"acme-widgets>=2\", \"zeta\"]") !=
          std::string::npos);

    // The Modify… dialog completes from the same project list.
    REQUIRE((refreshed.count() > 0 || refreshed.wait(kTimeoutMs)));
    QApplication::setActiveWindow(&window); // back from the closed dialog
    REQUIRE(QTest::qWaitForWindowActive(&window));
    auto* tree = window.findChild<QAbstractItemView*>(QStringLiteral("dependencyTree"));
    REQUIRE(tree != nullptr);
    tree->setFocus(Qt::TabFocusReason);
    QModelIndex first = tree->model()->index(0, 0);
    if (tree->model()->hasChildren(first))
        first = tree->model()->index(0, 0, first); // the first requirement under its group
    tree->setCurrentIndex(first);
    CHECK(window.findChild<QAbstractButton*>(QStringLiteral("editDependency"))->isEnabled());
    press(tree, Qt::Key_Y, Qt::AltModifier);
    ui::DependencyDialog* editor = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] {
            for (auto* open : window.findChildren<ui::DependencyDialog*>()) {
                if (open->isVisible())
                    editor = open;
            }
            return editor != nullptr;
        },
        kTimeoutMs));
    REQUIRE(editor->requirementEdit()->completer() != nullptr);
    CHECK(editor->requirementEdit()->completer()->model()->rowCount() >= 4);
    editor->reject();
}

TEST_CASE("a lock cancelled when its result is ready but not shown shows and writes nothing",
          "[ui][keyboard]")
{
    OpenDemo demo;
    auto& window = demo.window;
    const auto& project = demo.project;

    QSignalSpy failed(&window, &ui::MainWindow::lockFailed);
    QSignalSpy shown(&window, &ui::MainWindow::lockPreviewShown);
    press(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(window.isBusy());
    // The job ends on its pool while this thread keeps the event loop from turning: its result is
    // ready, and not delivered, when Esc asks to cancel (as when a loaded machine runs the job
    // between the two key presses).
    ui::backgroundPool()->waitForDone();
    press(&window, Qt::Key_Escape);
    REQUIRE(failed.wait(kTimeoutMs));
    CHECK(failed.front().at(0).toString() == QStringLiteral("cancelled"));
    CHECK(shown.isEmpty());
    CHECK_FALSE(window.isBusy());
    CHECK_FALSE(fs::exists(project / "pylock.toml"));
}

TEST_CASE("Tab reaches every control of every tab, and each control has a name to announce",
          "[ui][keyboard][accessibility]")
{
    OpenDemo demo;
    auto& window = demo.window;

    QTabWidget* tabs = window.tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        DYNAMIC_SECTION("tab " << tabs->tabText(tab).toStdString())
        {
            const TabWalk walk = walkWithTab(tabs->tabBar());
            QStringList unreachable;
            for (QWidget* stop : tabStops(&window)) {
                if (!walk.reached.contains(stop))
                    unreachable << describe(stop);
            }
            INFO("unreachable by Tab: " << unreachable.join(QStringLiteral(", ")).toStdString());
            CHECK(unreachable.isEmpty());
            INFO("Tab stays inside: " << walk.traps.join(QStringLiteral(", ")).toStdString());
            CHECK(walk.traps.isEmpty());
            QStringList nameless;
            for (QWidget* widget : walk.reached) {
                widget->setFocus(Qt::TabFocusReason);
                if (spokenName(widget).isEmpty())
                    nameless << describe(widget);
            }
            INFO("no accessible name: " << nameless.join(QStringLiteral(", ")).toStdString());
            CHECK(nameless.isEmpty());
            // Toolbar buttons take no focus: each of their actions needs a shortcut, or a place in
            // the context menu (Menu key, Shift+F10) of a control that Tab reaches.
            QStringList keyboardless;
            for (QToolBar* bar : window.findChildren<QToolBar*>()) {
                if (!bar->isVisible())
                    continue;
                for (QAction* action : bar->actions()) {
                    if (action->isSeparator() || !action->isVisible() || !action->shortcut().isEmpty())
                        continue;
                    const bool inMenu = std::ranges::any_of(walk.reached, [&](QWidget* widget) {
                        return widget->contextMenuPolicy() == Qt::ActionsContextMenu &&
                               widget->actions().contains(action);
                    });
                    if (!inMenu)
                        keyboardless << action->objectName();
                }
            }
            INFO("toolbar actions out of the keyboard's reach: "
                 << keyboardless.join(QStringLiteral(", ")).toStdString());
            CHECK(keyboardless.isEmpty());
            // No two things on screen answer the same Alt+letter (an ambiguous mnemonic only moves
            // the focus back and forth).
            QMap<QString, QStringList> mnemonics;
            auto note = [&](const QString& text, const QString& owner) {
                const QKeySequence key = QKeySequence::mnemonic(text);
                if (!key.isEmpty())
                    mnemonics[key.toString()] << owner;
            };
            for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
                if (button->isVisible() && button->window() == &window)
                    note(button->text(), describe(button));
            }
            for (QLabel* label : window.findChildren<QLabel*>()) {
                if (label->isVisible() && label->window() == &window && label->buddy() != nullptr)
                    note(label->text(), describe(label));
            }
            for (int other = 0; other < tabs->count(); ++other)
                note(tabs->tabText(other), QStringLiteral("tab ") + tabs->tabText(other));
            for (QAction* menu : window.menuBar()->actions())
                note(menu->text(), QStringLiteral("menu ") + menu->text());
            QStringList clashes;
            for (auto at = mnemonics.cbegin(); at != mnemonics.cend(); ++at) {
                if (at.value().size() > 1)
                    clashes << at.key() + QStringLiteral(": ") + at.value().join(QStringLiteral(" / "));
            }
            INFO("mnemonic clashes: " << clashes.join(QStringLiteral("; ")).toStdString());
            CHECK(clashes.isEmpty());
            // The walk went through the tab's own page, not just the sidebar and the tab bar.
            CHECK(std::ranges::any_of(
                walk.reached, [&](QWidget* widget) { return tabs->currentWidget()->isAncestorOf(widget); }));
        }
    }
}

TEST_CASE("the window's shortcuts open, switch tabs, find, lock, sync and cancel", "[ui][keyboard]")
{
    test::TempDir dir;
    const auto project = dir / "demo";
    test::copyTree(test::kDemoProjectDir, project);
    test::ScriptedPrompter prompter;
    ui::MainWindow window(test::windowOptions(dir, &prompter));
    showActive(window);

    // Ctrl+O: the folder chooser (scripted), then the project opens.
    prompter.nextDirectory = test::qpath(project);
    QSignalSpy loaded(&window, &ui::MainWindow::projectLoaded);
    press(&window, Qt::Key_O, Qt::ControlModifier);
    REQUIRE(loaded.wait(kTimeoutMs));

    // Alt + the underlined letter switches tabs from wherever the user is, with no clash with a
    // control's own mnemonic on any tab.
    QTabWidget* tabs = window.tabs();
    const QList<std::pair<Qt::Key, QString>> mnemonics{{Qt::Key_D, QStringLiteral("dependenciesPane")},
                                                       {Qt::Key_I, QStringLiteral("indexesPane")},
                                                       {Qt::Key_L, QStringLiteral("lockfilePane")},
                                                       {Qt::Key_E, QStringLiteral("environmentPane")},
                                                       {Qt::Key_C, QStringLiteral("confusionPane")}};
    for (int from = 0; from < tabs->count(); ++from) {
        for (const auto& [key, pane] : mnemonics) {
            tabs->setCurrentIndex(from);
            press(&window, key, Qt::AltModifier);
            INFO("from tab " << tabs->tabText(from).toStdString() << " to " << pane.toStdString());
            CHECK(tabs->currentWidget()->objectName() == pane);
        }
    }
    // Ctrl+Tab and Ctrl+Shift+Tab step through the tabs.
    tabs->setCurrentIndex(0);
    tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
    press(&window, Qt::Key_Tab, Qt::ControlModifier);
    CHECK(tabs->currentIndex() == 1);
    press(&window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(tabs->currentIndex() == 0);

    // Ctrl+F: the Dependencies tab's find box, from any tab.
    tabs->setCurrentIndex(3);
    press(&window, Qt::Key_F, Qt::ControlModifier);
    CHECK(tabs->currentWidget() == window.dependenciesView());
    CHECK(QApplication::focusWidget() == window.findChild<QLineEdit*>(QStringLiteral("dependencyFind")));

    // Ctrl+Shift+P: the projects sidebar.
    press(&window, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(QApplication::focusWidget() == window.findChild<QListView*>(QStringLiteral("projectList")));

    // F5 reloads.
    QSignalSpy refreshed(&window, &ui::MainWindow::projectRefreshed);
    press(&window, Qt::Key_F5);
    REQUIRE(refreshed.wait(kTimeoutMs));

    // Ctrl+L locks; Esc cancels it (also when the job is done and its result waits for the event
    // loop, see the test above), and nothing is written.
    QSignalSpy failed(&window, &ui::MainWindow::lockFailed);
    press(&window, Qt::Key_L, Qt::ControlModifier);
    CHECK(window.isBusy());
    press(&window, Qt::Key_Escape);
    REQUIRE(failed.wait(kTimeoutMs));
    CHECK(failed.front().at(0).toString() == QStringLiteral("cancelled"));
    CHECK_FALSE(fs::exists(project / "pylock.toml"));

    // Ctrl+L again, then the preview is answered from the keyboard: Return writes the lock.
    QSignalSpy shown(&window, &ui::MainWindow::lockPreviewShown);
    press(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(shown.wait(kTimeoutMs));
    ui::RelockPreview* preview = window.relockPreview();
    REQUIRE(preview != nullptr);
    REQUIRE(QTest::qWaitForWindowActive(preview));
    QSignalSpy written(&window, &ui::MainWindow::lockWritten);
    press(preview, Qt::Key_Return);
    REQUIRE((written.count() > 0 || written.wait(kTimeoutMs)));
    CHECK(fs::exists(project / "pylock.toml"));

    // Ctrl+Shift+S syncs.
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QSignalSpy synced(&window, &ui::MainWindow::syncFinished);
    press(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(window.isBusy());
    REQUIRE(synced.wait(120000));
    CHECK(synced.front().at(0).toBool());

    // The Settings shortcut exists on this platform and opens the dialog.
    auto* settings = window.findChild<QAction*>(QStringLiteral("settingsAction"));
    REQUIRE(settings != nullptr);
    REQUIRE_FALSE(settings->shortcut().isEmpty());
    QTest::keySequence(QApplication::focusWidget() != nullptr ? QApplication::focusWidget() : &window,
                       settings->shortcut());
    auto* dialog = window.findChild<ui::SettingsDialog*>();
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    dialog->reject();
}

TEST_CASE("indexes are reordered from the keyboard with Alt+Shift+Up and Down", "[ui][keyboard][indexes]")
{
    test::TempDir dir;
    const auto project = dir / "app";
    fs::create_directories(project);
    std::ofstream(project / "pyproject.toml", std::ios::binary)
        << "[project]\nname = \"app\"\nversion = \"1.0\"\n\n"
           "[[tool.uv.index]]\nname = \"alpha\"\nurl = \"https://alpha.example/simple/\"\n\n"
           "[[tool.uv.index]]\nname = \"beta\"\nurl = \"https://beta.example/simple/\"\n\n"
           "[[tool.uv.index]]\nname = \"gamma\"\nurl = \"https://gamma.example/simple/\"\n";
    test::ScriptedPrompter prompter;
    ui::MainWindow window(test::windowOptions(dir, &prompter));
    showActive(window);
    openAndWait(window, project);

    press(&window, Qt::Key_I, Qt::AltModifier);
    auto* table = window.findChild<QTableView*>(QStringLiteral("indexTable"));
    REQUIRE(table != nullptr);
    REQUIRE(table->isVisible());
    const QAbstractItemModel* model = window.indexModel();
    REQUIRE(indexNames(model) == QStringLiteral("alpha,beta,gamma"));

    // Into the table and down to gamma with the arrow keys.
    table->setFocus(Qt::TabFocusReason);
    table->setCurrentIndex(table->model()->index(0, 0));
    press(table, Qt::Key_Down);
    press(table, Qt::Key_Down);
    REQUIRE(table->currentIndex().row() == 2);

    press(table, Qt::Key_Up, Qt::AltModifier | Qt::ShiftModifier);
    REQUIRE(
        QTest::qWaitFor([&] { return indexNames(model) == QStringLiteral("alpha,gamma,beta"); }, kTimeoutMs));
    // The table moves the row at once; pyproject.toml is written in the background.
    const auto gammaBeforeBeta = [&] {
        const std::string text = test::readText(project / "pyproject.toml");
        return text.find("name = \"gamma\"") < text.find("name = \"beta\"");
    };
    CHECK(QTest::qWaitFor(gammaBeforeBeta, kTimeoutMs));

    // The moved index stays selected, so it can move on.
    table = window.findChild<QTableView*>(QStringLiteral("indexTable"));
    table->setFocus(Qt::TabFocusReason);
    CHECK(table->currentIndex().data().toString() == QStringLiteral("gamma"));
    press(table, Qt::Key_Up, Qt::AltModifier | Qt::ShiftModifier);
    REQUIRE(
        QTest::qWaitFor([&] { return indexNames(model) == QStringLiteral("gamma,alpha,beta"); }, kTimeoutMs));
    CHECK(QTest::qWaitFor(
        [&] {
            const std::string text = test::readText(project / "pyproject.toml");
            return text.find("name = \"gamma\"") < text.find("name = \"alpha\"");
        },
        kTimeoutMs));
    press(table, Qt::Key_Down, Qt::AltModifier | Qt::ShiftModifier);
    REQUIRE(
        QTest::qWaitFor([&] { return indexNames(model) == QStringLiteral("alpha,gamma,beta"); }, kTimeoutMs));
    CHECK(QTest::qWaitFor(
        [&] {
            const std::string text = test::readText(project / "pyproject.toml");
            return text.find("name = \"alpha\"") < text.find("name = \"gamma\"") &&
                   text.find("name = \"gamma\"") < text.find("name = \"beta\"");
        },
        kTimeoutMs));
}
