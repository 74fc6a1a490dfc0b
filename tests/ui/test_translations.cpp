// The German translation: embedded in pindex-ui, installed by ui/translations.h, and used by the
// main window and the Indexes tab.

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QTabWidget>

#include "ui/main_window.h"
#include "ui/models/index_model.h"
#include "ui/translations.h"

using namespace pindex;

namespace {

// Installs a language for one test and goes back to English afterwards.
struct Language
{
    explicit Language(const QString& code) { REQUIRE(ui::installTranslations(*qApp, code)); }
    ~Language() { ui::installTranslations(*qApp, QStringLiteral("en")); }
};

QStringList tabTexts(QTabWidget* tabs)
{
    QStringList texts;
    for (int tab = 0; tab < tabs->count(); ++tab)
        texts << tabs->tabText(tab);
    return texts;
}

} // namespace

TEST_CASE("the language comes from --lang, then the setting, then the system", "[ui][translations]")
{
    CHECK(ui::chooseLanguage(QStringLiteral("de"), QStringLiteral("en")) == QStringLiteral("de"));
    CHECK(ui::chooseLanguage(QString(), QStringLiteral("de")) == QStringLiteral("de"));
    CHECK(ui::chooseLanguage(QStringLiteral("de_AT.UTF-8"), QString()) == QStringLiteral("de"));
    CHECK(ui::chooseLanguage(QStringLiteral("xx"), QStringLiteral("en")) == QStringLiteral("en"));
    CHECK(ui::availableLanguages().contains(ui::chooseLanguage(QString(), QString())));
}

TEST_CASE("the main window starts in German", "[ui][translations]")
{
    Language german(QStringLiteral("de"));
    ui::MainWindow window;
    const QStringList tabs = tabTexts(window.tabs());
    INFO(tabs.join(QStringLiteral(", ")).toStdString());
    CHECK(tabs.contains(QStringLiteral("&Abhängigkeiten")));
    CHECK(tabs.contains(QStringLiteral("&Indizes")));
    CHECK(tabs.contains(QStringLiteral("&Lockdatei")));
    CHECK(tabs.contains(QStringLiteral("&Umgebung")));
    bool openFound = false;
    for (const auto* action : window.findChildren<QAction*>())
        openFound = openFound || action->text() == QStringLiteral("Projekt ö&ffnen …");
    CHECK(openFound);
    CHECK(window.indexModel()->headerData(ui::IndexModel::Role, Qt::Horizontal).toString() ==
          QStringLiteral("Rolle"));
}

TEST_CASE("English stays the source text", "[ui][translations]")
{
    Language english(QStringLiteral("en"));
    ui::MainWindow window;
    CHECK(tabTexts(window.tabs()).contains(QStringLiteral("&Dependencies")));
}
