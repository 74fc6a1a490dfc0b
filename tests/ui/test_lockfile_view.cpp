#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
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
