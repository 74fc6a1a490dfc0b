#include <atomic>
#include <memory>
#include <thread>

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include "core/lock/lock_reader.h"
#include "tests/support/test_paths.h"
#include "ui/models/lock_diff_model.h"
#include "ui/views/lockfile_view.h"

using namespace pindex;

namespace {

const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

QString dataPath(const char* relative)
{
    return QString::fromStdString((kDiffData / relative).string());
}

int rowOf(const QAbstractItemModel* model, const QString& name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ui::LockDiffModel::Package).data().toString().endsWith(name))
            return row;
    }
    return -1;
}

} // namespace

TEST_CASE("The lockfile view loads a diff off the UI thread, filters it and shows details", "[ui][lockfile]")
{
    ui::LockfileView view;
    QAbstractItemModelTester modelTester(view.model());
    QAbstractItemModelTester proxyTester(view.proxy());
    view.resize(900, 600);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));

    QSignalSpy loaded(&view, &ui::LockfileView::diffLoaded);
    view.compareFiles(dataPath("uv-pair/old/uv.lock"), dataPath("uv-pair/new/uv.lock"));
    REQUIRE(loaded.wait(20000));

    auto* table = view.findChild<QTableView*>(QStringLiteral("lockDiffTable"));
    auto* counts = view.findChild<QLabel*>(QStringLiteral("kindCounts"));
    auto* filter = view.findChild<QLineEdit*>(QStringLiteral("lockFilter"));
    auto* details = view.findChild<QTextBrowser*>(QStringLiteral("lockDetails"));
    REQUIRE(table != nullptr);
    REQUIRE(counts != nullptr);
    REQUIRE(filter != nullptr);
    REQUIRE(details != nullptr);

    // Grouped by kind: added first, then removed, upgraded, downgraded, changed.
    CHECK(view.model()->rowCount() == 13);
    CHECK(view.model()->index(0, ui::LockDiffModel::Kind).data().toString() == QStringLiteral("added"));
    CHECK(view.model()->index(3, ui::LockDiffModel::Kind).data().toString() == QStringLiteral("removed"));
    CHECK(view.model()->index(12, ui::LockDiffModel::Kind).data().toString() == QStringLiteral("changed"));
    const QString countText = counts->text();
    CHECK(countText.contains(QStringLiteral("<b>3</b> added")));
    CHECK(countText.contains(QStringLiteral("<b>1</b> removed")));
    CHECK(countText.contains(QStringLiteral("<b>2</b> upgraded")));
    CHECK(countText.contains(QStringLiteral("<b>1</b> downgraded")));
    CHECK(countText.contains(QStringLiteral("<b>6</b> changed")));

    // Security flags are prominent, with the explanation on hover.
    const int acme = rowOf(view.model(), QStringLiteral("acme-auth"));
    REQUIRE(acme >= 0);
    CHECK(view.model()
              ->index(acme, ui::LockDiffModel::Package)
              .data()
              .toString()
              .startsWith(QStringLiteral("\u26a0")));
    CHECK(view.model()->index(acme, ui::LockDiffModel::Flags).data().toString() ==
          QStringLiteral("index-changed, hashes-changed"));
    CHECK(view.model()
              ->index(acme, ui::LockDiffModel::Flags)
              .data(Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("dependency-confusion")));
    CHECK(view.model()->index(acme, ui::LockDiffModel::Index).data().toString() ==
          QStringLiteral("https://pkgs.acme.example/simple \u2192 https://pypi.org/simple"));

    // Filtering narrows the table and the counts.
    QTest::keyClicks(filter, QStringLiteral("hashes-changed"));
    CHECK(view.proxy()->rowCount() == 2);
    CHECK(counts->text().contains(QStringLiteral("<b>2</b> changed")));
    CHECK(counts->text().contains(QStringLiteral("<b>0</b> added")));
    filter->clear();
    CHECK(view.proxy()->rowCount() == 13);
    QTest::keyClicks(filter, QStringLiteral("acme"));
    REQUIRE(view.proxy()->rowCount() == 1);

    // Selecting the row fills the details pane with before and after.
    table->selectRow(0);
    const QString html = details->toPlainText();
    CHECK(html.contains(QStringLiteral("acme-auth")));
    CHECK(html.contains(QStringLiteral("Before")));
    CHECK(html.contains(QStringLiteral("https://pkgs.acme.example/simple")));
    CHECK(html.contains(QStringLiteral("https://pypi.org/simple")));
    CHECK(html.contains(QStringLiteral("acme_auth-1.4.0-py3-none-any.whl sha256:")));
    CHECK(html.contains(QStringLiteral("depends on: requests")));
    CHECK(html.contains(QStringLiteral("index-changed")));

    // An added package explains why it is there.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("linkify"));
    REQUIRE(view.proxy()->rowCount() == 1);
    table->selectRow(0);
    CHECK(details->toPlainText().contains(
        QStringLiteral("Why it is here: demo-app \u2192 rich \u2192 markdown-it-py \u2192 linkify-it-py")));
}

TEST_CASE("The lockfile view shows a diff computed elsewhere and reports failures", "[ui][lockfile]")
{
    ui::LockfileView view;
    QAbstractItemModelTester modelTester(view.model());

    auto before = lock::readLock(kDiffData / "poetry-pair/old/poetry.lock");
    auto after = lock::readLock(kDiffData / "poetry-pair/new/poetry.lock");
    REQUIRE(before.has_value());
    REQUIRE(after.has_value());
    QSignalSpy loaded(&view, &ui::LockfileView::diffLoaded);
    view.showDiff(diff::diffSnapshots(*before, *after));
    CHECK(loaded.count() == 1);
    CHECK(view.model()->rowCount() == 6);

    QSignalSpy failed(&view, &ui::LockfileView::diffFailed);
    view.compareFiles(dataPath("uv-pair/old/uv.lock"), dataPath("nowhere/uv.lock"));
    REQUIRE(failed.wait(20000));
    CHECK(failed.first().first().toString().contains(QStringLiteral("nowhere/uv.lock")));
    CHECK(view.model()->rowCount() == 0);
}

namespace {

diff::PackageChange syntheticChange(int number, diff::ChangeKind kind)
{
    diff::PackageChange change;
    change.name = QStringLiteral("pkg-%1").arg(number, 5, 10, QLatin1Char('0')).toStdString();
    change.displayName = change.name;
    change.kind = kind;
    change.newVersions = {"1.0"};
    return change;
}

} // namespace

TEST_CASE("A new diff updates the rows in place instead of resetting the model", "[ui][lockfile]")
{
    ui::LockDiffModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    diff::LockDiff first;
    for (int i = 0; i < 6; ++i)
        first.changes.push_back(syntheticChange(i, diff::ChangeKind::Added));
    model.setDiff(first);
    REQUIRE(model.rowCount() == 6);

    diff::LockDiff second = first;
    second.changes.erase(second.changes.begin() + 1);                                     // pkg-00001 leaves
    second.changes[2].flags = static_cast<std::uint8_t>(diff::ChangeFlag::HashesChanged); // pkg-00003 changes
    second.changes.push_back(syntheticChange(9, diff::ChangeKind::Removed));              // a new row
    inserted.clear();
    model.setDiff(second);
    CHECK(resets.isEmpty());
    CHECK(removed.count() == 1);
    CHECK(inserted.count() == 1);
    CHECK(changed.count() == 1);
    REQUIRE(model.rowCount() == 6);
    CHECK(model.index(2, ui::LockDiffModel::Flags).data().toString() == QStringLiteral("hashes-changed"));
    CHECK(model.index(5, ui::LockDiffModel::Kind).data().toString() == QStringLiteral("removed"));

    model.clear();
    CHECK(model.rowCount() == 0);
    CHECK(resets.isEmpty());
}

TEST_CASE("A large diff's rows arrive in batches while the event loop runs", "[ui][lockfile]")
{
    ui::LockDiffModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy populated(&model, &ui::LockDiffModel::populated);
    diff::LockDiff large;
    for (int i = 0; i < 3000; ++i)
        large.changes.push_back(
            syntheticChange(i, i % 3 == 0 ? diff::ChangeKind::Upgraded : diff::ChangeKind::Added));
    model.setDiff(large);
    // The first batch is in at once; the rest follows over later turns of the event loop.
    CHECK(model.rowCount() == ui::LockDiffModel::kBatchSize);
    CHECK(model.isPopulating());
    REQUIRE(populated.wait(20000));
    CHECK(model.rowCount() == 3000);
    CHECK_FALSE(model.isPopulating());
    // Grouped by kind, sorted by name inside each group.
    CHECK(model.index(0, ui::LockDiffModel::Package).data().toString() == QStringLiteral("pkg-00001"));
    CHECK(model.index(1999, ui::LockDiffModel::Package).data().toString() == QStringLiteral("pkg-02999"));
    CHECK(model.index(2000, ui::LockDiffModel::Kind).data().toString() == QStringLiteral("upgraded"));
}

TEST_CASE("Comparisons read, parse and diff off the UI thread", "[ui][lockfile]")
{
    ui::LockfileView view;
    const auto uiThread = std::this_thread::get_id();
    auto offThread = std::make_shared<std::atomic<int>>(0);
    auto onThread = std::make_shared<std::atomic<int>>(0);
    diff::DiffOptions options;
    options.isYanked = [uiThread, offThread, onThread](std::string_view,
                                                       std::string_view) -> std::optional<bool> {
        ++(std::this_thread::get_id() == uiThread ? *onThread : *offThread);
        return std::nullopt;
    };
    view.setDiffOptions(options);
    QSignalSpy loaded(&view, &ui::LockfileView::diffLoaded);
    view.compareFiles(dataPath("uv-pair/old/uv.lock"), dataPath("uv-pair/new/uv.lock"));
    REQUIRE(loaded.wait(20000));
    CHECK(*offThread > 0);
    CHECK(*onThread == 0);
}

TEST_CASE("Compare with: a file from the picker, a revision or a range", "[ui][lockfile]")
{
    ui::LockfileView view;
    auto* chooseFile = view.findChild<QPushButton*>(QStringLiteral("chooseFileButton"));
    auto* compareWith = view.findChild<QComboBox*>(QStringLiteral("compareWith"));
    REQUIRE(chooseFile != nullptr);
    REQUIRE(compareWith != nullptr);
    CHECK(chooseFile->isHidden());

    QStringList asked;
    view.setFileChooser([&asked](QWidget*, const QString& title, const QString&) {
        asked << title;
        return dataPath("uv-pair/old/uv.lock");
    });
    CHECK_FALSE(chooseFile->isHidden());

    // The project's lockfile is the new side; HEAD is the default comparison.
    QSignalSpy loaded(&view, &ui::LockfileView::diffLoaded);
    QSignalSpy failed(&view, &ui::LockfileView::diffFailed);
    QSignalSpy listed(&view, &ui::LockfileView::revisionsListed);
    CHECK(compareWith->currentText() == QStringLiteral("HEAD"));
    view.setProject(dataPath("uv-pair/new"));
    REQUIRE(listed.wait(20000));
    // Inside the source tree's repository the chooser offers its branches; elsewhere only HEAD, HEAD~1.
    CHECK(compareWith->count() >= 2);
    // HEAD's uv.lock is the work tree's inside a repository (no changes); outside one it fails.
    for (int turn = 0; turn < 200 && loaded.isEmpty() && failed.isEmpty(); ++turn)
        loaded.wait(100);
    CHECK(loaded.count() + failed.count() == 1);

    loaded.clear();
    chooseFile->click();
    REQUIRE(loaded.wait(20000));
    CHECK(asked.size() == 1);
    CHECK(compareWith->currentText() == dataPath("uv-pair/old/uv.lock"));
    CHECK(view.model()->rowCount() == 13);

    // A range of revisions that do not exist: the error is shown, nothing crashes.
    failed.clear();
    compareWith->setCurrentText(QStringLiteral("no-such-branch...HEAD"));
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("compareButton")), Qt::LeftButton);
    REQUIRE(failed.wait(20000));
    CHECK(failed.first().first().toString().contains(QStringLiteral("no-such-branch")));
}
