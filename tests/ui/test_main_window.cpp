#include <fstream>

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QListView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/ui/window_fixture.h"
#include "ui/keychain/plain_text_banner.h"
#include "ui/main_window.h"
#include "ui/models/dependency_model.h"
#include "ui/models/index_model.h"
#include "ui/models/project_list_model.h"

using namespace pindex;

namespace {

QStringList column(const QAbstractItemModel* model, int column)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

} // namespace

TEST_CASE("the main window opens the demo project and lists its dependencies and indexes",
          "[ui][main_window]")
{
    test::TempDir dir;
    test::copyTree(test::kDemoProjectDir, dir.path());

    test::ScriptedPrompter prompter;
    ui::MainWindow window(test::windowOptions(dir, &prompter));
    QAbstractItemModelTester dependencyTester(window.dependencyModel());
    QAbstractItemModelTester indexTester(window.indexModel());
    QAbstractItemModelTester projectTester(window.projectListModel());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    QSignalSpy loaded(&window, &ui::MainWindow::projectLoaded);
    window.openProject(QString::fromStdString(dir.path().string()));
    REQUIRE(loaded.wait(10000));

    // Grouped: main, the extra, the dependency group; each package under its group.
    const auto* model = window.dependencyModel();
    REQUIRE(model->rowCount() == 3);
    CHECK(model->groupIndex(QStringLiteral("main")).row() == 0);
    CHECK(model->groupIndex(QStringLiteral("extra:cli")).row() == 1);
    CHECK(model->groupIndex(QStringLiteral("group:dev")).row() == 2);
    CHECK(model->find(QStringLiteral("main"), QStringLiteral("acme-utils"), ui::DependencyModel::Requirement)
              .data()
              .toString() == QStringLiteral("acme-utils>=1.0"));
    CHECK(model->find(QStringLiteral("main"), QStringLiteral("tinyjson"), ui::DependencyModel::Requirement)
              .data()
              .toString() == QStringLiteral("tinyjson>=2,<3"));
    CHECK(model->find(QStringLiteral("extra:cli"), QStringLiteral("colorprint")).isValid());
    CHECK(model->find(QStringLiteral("group:dev"), QStringLiteral("testkit")).isValid());
    CHECK(model->find(QStringLiteral("main"), QStringLiteral("tinyjson"), ui::DependencyModel::Status)
              .data()
              .toString() == QStringLiteral("not locked"));
    CHECK(model->packageCount() == 4);

    auto* indexes = window.findChild<QTableView*>(QStringLiteral("indexTable"));
    REQUIRE(indexes != nullptr);
    CHECK(column(indexes->model(), ui::IndexModel::Name) == QStringList{QStringLiteral("local")});
    CHECK(column(indexes->model(), ui::IndexModel::Role) == QStringList{QStringLiteral("default")});
    CHECK(column(indexes->model(), ui::IndexModel::Format) == QStringList{QStringLiteral("flat")});

    auto* projects = window.findChild<QListView*>(QStringLiteral("projectList"));
    REQUIRE(projects != nullptr);
    REQUIRE(projects->model()->rowCount() == 1);
    CHECK(projects->model()->index(0, 0).data().toString().startsWith(QStringLiteral("demo-app 0.1.0")));

    // Keyboard: Alt+I switches to the Indexes tab.
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
    REQUIRE(tabs != nullptr);
    QTest::keyClick(&window, Qt::Key_I, Qt::AltModifier);
    CHECK(tabs->currentWidget()->objectName() == QStringLiteral("indexesPane"));
}

TEST_CASE("a broken pyproject.toml is reported with its line and the window keeps running",
          "[ui][main_window]")
{
    test::TempDir dir;
    std::ofstream(dir / "pyproject.toml") << "[project]\nname = \"broken\ndependencies = []\n";
    test::ScriptedPrompter prompter;
    ui::MainWindow window(test::windowOptions(dir, &prompter));
    QSignalSpy failed(&window, &ui::MainWindow::projectLoadFailed);
    window.openProject(QString::fromStdString(dir.path().string()));
    REQUIRE(failed.wait(10000));
    const QString message = failed.front().at(1).toString();
    CHECK(message.contains(QStringLiteral("pyproject.toml:2:")));
    CHECK(window.dependencyModel()->rowCount() == 0);
}

TEST_CASE("a password written in an index URL is masked in the table and warned about", "[ui][main_window]")
{
    test::TempDir dir;
    std::ofstream(dir / "pyproject.toml") << "[project]\nname = \"leaky\"\nversion = \"1.0\"\n\n"
                                             "[[tool.uv.index]]\nname = \"corp\"\n"
                                             "url = \"https://alice:hunter2@pkgs.example.com/simple/\"\n";
    test::ScriptedPrompter prompter;
    ui::MainWindow window(test::windowOptions(dir, &prompter));
    QSignalSpy loaded(&window, &ui::MainWindow::projectLoaded);
    window.openProject(QString::fromStdString(dir.path().string()));
    REQUIRE(loaded.wait(10000));

    const auto* indexes = window.indexModel();
    REQUIRE(indexes->rowCount() == 1);
    const QString url = indexes->index(0, ui::IndexModel::Url).data().toString();
    CHECK(url == QStringLiteral("https://alice:****@pkgs.example.com/simple/"));

    auto* banner = window.findChild<ui::PlainTextBanner*>(QStringLiteral("plainTextBanner"));
    REQUIRE(banner != nullptr);
    CHECK(banner->warningCount() == 1);
}
