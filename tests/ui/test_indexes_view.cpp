// The Indexes tab: reorder by drag and drop, strategy, pattern pins, removal, connection tests, and
// the add-index wizard's pages up to the connection test (without a keychain; the keychain path is
// in test_add_index_wizard_keychain.cpp).

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "core/project/project_document.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/models/index_model.h"
#include "ui/views/indexes_view.h"

using namespace pindex;

namespace {

constexpr const char* kProject = R"(# The app.
[project]
name = "app"
version = "1.0"
dependencies = ["acme-core"]

[[tool.uv.index]]
name = "alpha"
url = "https://alpha.example/simple/"

# beta is for internal packages only
[[tool.uv.index]]
name = "beta"
url = "https://beta.example/simple/"
explicit = true
)";

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <typename T>
T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

// A project folder and an Indexes view showing it; no keychain, a session store, no user uv.toml.
struct ViewFixture
{
    test::TempDir dir;
    auth::MemoryStore session;
    ui::IndexModel model;
    std::unique_ptr<ui::IndexesView> view;

    explicit ViewFixture(const std::string& text = kProject)
    {
        std::ofstream(dir / "pyproject.toml", std::ios::binary) << text;
        view = std::make_unique<ui::IndexesView>(&model, ui::CredentialsDialog::Stores{.session = &session});
        view->setUserDirectories(
            {.xdgConfigHome = (dir / "no-config").string(), .home = (dir / "no-home").string()});
        const auto project = project::loadPyProject(dir / "pyproject.toml");
        REQUIRE(project);
        view->showProject(QString::fromStdString(dir.path().string()), *project);
    }

    [[nodiscard]] std::string text() const { return readText(dir / "pyproject.toml"); }

    // The file as core's edit `edit` makes it from kProject (the bytes the view must write).
    template <typename Edit>
    [[nodiscard]] std::string expected(Edit edit) const
    {
        auto document = project::ProjectDocument::fromText(kProject, dir / "pyproject.toml");
        REQUIRE(document);
        REQUIRE(edit(*document));
        return document->text();
    }

    void waitForReload()
    {
        QSignalSpy reloaded(view.get(), &ui::IndexesView::reloaded);
        REQUIRE(reloaded.wait(10000));
    }
};

QStringList names(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, ui::IndexModel::Name).data().toString();
    return out;
}

} // namespace

TEST_CASE("dropping an index above another reorders the table and pyproject.toml", "[ui][indexes]")
{
    ViewFixture fixture;
    QAbstractItemModelTester tester(&fixture.model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(names(fixture.model) == QStringList{QStringLiteral("alpha"), QStringLiteral("beta")});
    CHECK(fixture.model.index(1, ui::IndexModel::Role).data().toString() == QStringLiteral("explicit"));

    // The drop the table view makes when beta is dragged onto the top of the list.
    std::unique_ptr<QMimeData> dragged(fixture.model.mimeData({fixture.model.index(1, 0)}));
    REQUIRE(dragged);
    REQUIRE(fixture.model.canDropMimeData(dragged.get(), Qt::MoveAction, 0, 0, {}));
    QSignalSpy reloaded(fixture.view.get(), &ui::IndexesView::reloaded);
    REQUIRE(fixture.model.dropMimeData(dragged.get(), Qt::MoveAction, 0, 0, {}));
    CHECK(names(fixture.model) == QStringList{QStringLiteral("beta"), QStringLiteral("alpha")});
    REQUIRE(reloaded.wait(10000));
    CHECK(fixture.text() ==
          fixture.expected([](auto& document) { return document.moveIndexBefore("beta", "alpha"); }));
    CHECK(names(fixture.model) == QStringList{QStringLiteral("beta"), QStringLiteral("alpha")});

    // Move Down on the selected row puts it back.
    fixture.view->table()->selectRow(0);
    fixture.view->moveSelected(1);
    fixture.waitForReload();
    CHECK(fixture.text() == kProject);
}

TEST_CASE("the index strategy is chosen from the keyboard, explained and written", "[ui][indexes]")
{
    ViewFixture fixture;
    auto* combo = child<QComboBox>(fixture.view.get(), "strategyCombo");
    auto* explanation = child<QLabel>(fixture.view.get(), "strategyExplanation");
    CHECK(combo->currentData().toString() == QStringLiteral("first-index"));
    CHECK(explanation->text().contains(QStringLiteral("risk: low")));

    fixture.view->show();
    combo->setFocus();
    QSignalSpy reloaded(fixture.view.get(), &ui::IndexesView::reloaded);
    QTest::keyClick(combo, Qt::Key_Down);
    QTest::keyClick(combo, Qt::Key_Down);
    CHECK(combo->currentData().toString() == QStringLiteral("unsafe-best-match"));
    CHECK(explanation->text().contains(QStringLiteral("risk: high")));
    // Two key presses, two edits written in turn; the reload after the last one shows the file (the
    // one between them is stale and dropped).
    REQUIRE(QTest::qWaitFor([&] { return reloaded.size() >= 1; }, 10000));
    CHECK(fixture.text() == fixture.expected([](auto& document) {
        return document.setIndexStrategy(std::string("unsafe-best-match"));
    }));
    CHECK(combo->currentData().toString() == QStringLiteral("unsafe-best-match"));
}

TEST_CASE("pattern pins are added and removed from the Indexes tab", "[ui][indexes]")
{
    ViewFixture fixture;
    auto* table = child<QTableWidget>(fixture.view.get(), "patternPinTable");
    CHECK(table->rowCount() == 0);
    child<QLineEdit>(fixture.view.get(), "patternEdit")->setText(QStringLiteral("acme-*"));
    auto* indexCombo = child<QComboBox>(fixture.view.get(), "patternIndexCombo");
    indexCombo->setCurrentIndex(indexCombo->findText(QStringLiteral("beta")));
    QSignalSpy reloaded(fixture.view.get(), &ui::IndexesView::reloaded);
    child<QPushButton>(fixture.view.get(), "addPatternButton")->click();
    REQUIRE(reloaded.wait(10000));
    CHECK(fixture.text() ==
          fixture.expected([](auto& document) { return document.addPatternPin("acme-*", "beta"); }));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == QStringLiteral("acme-*"));
    CHECK(table->item(0, 1)->text() == QStringLiteral("beta"));

    table->selectRow(0);
    child<QPushButton>(fixture.view.get(), "removePatternButton")->click();
    REQUIRE(reloaded.wait(10000));
    CHECK(table->rowCount() == 0);
    CHECK_FALSE(fixture.text().contains("acme-*"));
}

TEST_CASE("an invalid pattern pin is refused with the reason and the file is left alone", "[ui][indexes]")
{
    ViewFixture fixture;
    QSignalSpy failed(fixture.view.get(), &ui::IndexesView::editFailed);
    fixture.view->addPatternPin(QStringLiteral("acme/*"), QStringLiteral("beta"));
    REQUIRE(failed.wait(10000));
    CHECK(failed.front().front().toString().contains(QStringLiteral("not a valid pattern")));
    CHECK(fixture.text() == kProject);
    CHECK(child<QLabel>(fixture.view.get(), "indexesError")->isVisibleTo(fixture.view.get()));
}

TEST_CASE("removing an index asks first and then removes it", "[ui][indexes]")
{
    ViewFixture fixture;
    QStringList questions;
    bool answer = false;
    fixture.view->setConfirmHook(
        [&](const QString&, const QString& text, const QString&, std::function<void(bool)> done) {
            questions << text;
            done(answer);
        });
    fixture.view->table()->selectRow(0);
    fixture.view->removeSelected();
    REQUIRE(questions.size() == 1);
    CHECK(questions.front().contains(QStringLiteral("alpha")));
    CHECK(fixture.text() == kProject); // declined

    answer = true;
    fixture.view->removeSelected();
    fixture.waitForReload();
    CHECK(fixture.text() == fixture.expected([](auto& document) { return document.removeIndex("alpha"); }));
    CHECK(names(fixture.model) == QStringList{QStringLiteral("beta")});
}

TEST_CASE("renaming an index and changing its role by editing the table writes pyproject.toml",
          "[ui][indexes]")
{
    ViewFixture fixture;
    REQUIRE(fixture.model.setData(fixture.model.index(1, ui::IndexModel::Role), QStringLiteral("default")));
    fixture.waitForReload();
    CHECK(fixture.model.index(1, ui::IndexModel::Role).data().toString() == QStringLiteral("default"));
    REQUIRE(fixture.model.setData(fixture.model.index(0, ui::IndexModel::Name), QStringLiteral("corp")));
    fixture.waitForReload();
    CHECK(names(fixture.model) == QStringList{QStringLiteral("corp"), QStringLiteral("beta")});
    CHECK(fixture.text() == fixture.expected([](auto& document) -> Status {
        if (auto a = document.setIndexDefault("beta", true); !a)
            return a;
        if (auto b = document.setIndexExplicit("beta", false); !b)
            return b;
        return document.renameIndex("alpha", "corp");
    }));
}

TEST_CASE("the connection test shows that credentials are needed, then that they work", "[ui][indexes]")
{
    test::TempDir served;
    std::filesystem::create_directories(served / "simple");
    std::ofstream(served / "simple/index.html")
        << "<html><body><a href=\"acme-core/\">acme-core</a></body></html>\n";
    std::ofstream(served / "simple/index.json")
        << R"({"meta": {"api-version": "1.1"}, "projects": [{"name": "acme-core"}]})" << '\n';
    test::NginxFixture server(
        {.root = served.path(), .basicAuth = test::BasicAuthUser{"alice", "Tab-Secret-5"}});
    const std::string url = server.url("/simple/");
    ViewFixture fixture("[project]\nname = \"app\"\n\n[[tool.uv.index]]\nname = \"corp\"\nurl = \"" + url +
                        "\"\n");
    QAbstractItemModelTester tester(&fixture.model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    // Where the credentials come from: nowhere yet.
    REQUIRE(QTest::qWaitFor(
        [&] {
            return fixture.model.index(0, ui::IndexModel::Credentials).data().toString() ==
                   QStringLiteral("none");
        },
        10000));

    fixture.view->table()->selectRow(0);
    QSignalSpy tested(fixture.view.get(), &ui::IndexesView::testFinished);
    fixture.view->testSelected();
    CHECK(fixture.model.index(0, ui::IndexModel::LastTest).data().toString() == QStringLiteral("Testing…"));
    REQUIRE(tested.wait(20000));
    CHECK(fixture.model.index(0, ui::IndexModel::LastTest).data().toString() ==
          QStringLiteral("Needs credentials (HTTP 401)"));

    // Credentials for this session: the next test uses them and says so.
    std::optional<Status> saved;
    auth::CredentialVault(fixture.session).save(url, {"alice", "Tab-Secret-5"}, [&](Status s) { saved = s; });
    REQUIRE(QTest::qWaitFor([&] { return saved.has_value(); }, 5000));
    REQUIRE(*saved);
    fixture.view->testSelected();
    REQUIRE(tested.wait(20000));
    const QString status = fixture.model.index(0, ui::IndexModel::LastTest).data().toString();
    CHECK(status.startsWith(QStringLiteral("OK · JSON (PEP 691) · ")));
    CHECK(status.endsWith(QStringLiteral(" ms")));
    CHECK(fixture.model.index(0, ui::IndexModel::Credentials).data().toString() ==
          QStringLiteral("this session"));
    CHECK(fixture.model.index(0, ui::IndexModel::TestVerdictRole).data().toInt() ==
          static_cast<int>(index::ConnectionReport::Verdict::Usable));
}

TEST_CASE("the wizard fills a provider preset, validating each blank", "[ui][wizard]")
{
    test::TempDir dir;
    std::ofstream(dir / "pyproject.toml", std::ios::binary) << kProject;
    auth::MemoryStore session;
    ui::AddIndexWizard wizard(dir / "pyproject.toml", {.session = &session});
    wizard.show();
    auto* page = wizard.page(ui::AddIndexWizard::SourcePage);
    auto* presets = child<QComboBox>(page, "presetCombo");
    presets->setCurrentIndex(presets->findData(QStringLiteral("artifactory")));
    CHECK_FALSE(page->isComplete());
    child<QLineEdit>(page, "presetField_host")->setText(QStringLiteral("bad host"));
    QTest::keyClicks(child<QLineEdit>(page, "presetField_repository"), QStringLiteral("pypi-local"));
    CHECK_FALSE(page->isComplete());
    CHECK(child<QLabel>(page, "resultLabel")->text().contains(QStringLiteral("not a host name")));
    auto* host = child<QLineEdit>(page, "presetField_host");
    host->clear();
    QTest::keyClicks(host, QStringLiteral("acme.jfrog.io"));
    REQUIRE(page->isComplete());
    wizard.next();
    CHECK(wizard.draft().url == "https://acme.jfrog.io/artifactory/api/pypi/pypi-local/simple/");
    CHECK_FALSE(wizard.draft().pastedCredentials);
    // The name comes from the host and the project's names stay taken.
    auto* details = wizard.page(ui::AddIndexWizard::DetailsPage);
    auto* name = child<QLineEdit>(details, "nameEdit");
    CHECK(name->text() == QStringLiteral("acme"));
    name->setText(QStringLiteral("alpha"));
    CHECK_FALSE(details->isComplete());
    name->setText(QStringLiteral("no spaces allowed"));
    CHECK_FALSE(details->isComplete());
    name->setText(QStringLiteral("acme"));
    CHECK(details->isComplete());
}

TEST_CASE("a pasted URL loses its credentials to the credentials step", "[ui][wizard]")
{
    test::TempDir dir;
    std::ofstream(dir / "pyproject.toml", std::ios::binary) << kProject;
    auth::MemoryStore session;
    ui::AddIndexWizard wizard(dir / "pyproject.toml", {.session = &session});
    wizard.show();
    auto* page = wizard.page(ui::AddIndexWizard::SourcePage);
    QTest::keyClicks(child<QLineEdit>(page, "urlEdit"),
                     QStringLiteral("https://bob:S3cret%21@pkgs.corp.example.com/simple"));
    CHECK(child<QRadioButton>(page, "urlRadio")->isChecked());
    REQUIRE(page->isComplete());
    CHECK(child<QLabel>(page, "credentialsNoteLabel")->text().contains(QStringLiteral("password")));
    CHECK_FALSE(child<QLabel>(page, "resultLabel")->text().contains(QStringLiteral("S3cret")));
    wizard.next();
    CHECK(wizard.draft().url == "https://pkgs.corp.example.com/simple/");
    REQUIRE(wizard.draft().pastedCredentials);
    CHECK(wizard.draft().pastedCredentials->username == "bob");
    CHECK(wizard.draft().pastedCredentials->password == "S3cret!");
    CHECK(child<QLineEdit>(wizard.page(ui::AddIndexWizard::DetailsPage), "nameEdit")->text() ==
          QStringLiteral("corp"));
}

TEST_CASE("the toolbar icons are drawn again in the new palette's colours", "[ui][indexes]")
{
    ViewFixture fixture;
    auto* add = child<QAction>(fixture.view.get(), "addIndexAction");
    REQUIRE_FALSE(add->icon().isNull());
    const auto colourOf = [&] {
        const QImage image = add->icon().pixmap(24, 24).toImage();
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (qAlpha(image.pixel(x, y)) == 255)
                    return QColor(image.pixel(x, y)).rgb();
        return QRgb(0);
    };
    QPalette dark = fixture.view->palette();
    dark.setColor(QPalette::WindowText, QColor(QStringLiteral("#f0f0f0")));
    dark.setColor(QPalette::Window, QColor(QStringLiteral("#202020")));
    fixture.view->setPalette(dark);
    CHECK(colourOf() == QColor(QStringLiteral("#f0f0f0")).rgb());
    QPalette light = dark;
    light.setColor(QPalette::WindowText, QColor(QStringLiteral("#101010")));
    fixture.view->setPalette(light);
    CHECK(colourOf() == QColor(QStringLiteral("#101010")).rgb());
}
