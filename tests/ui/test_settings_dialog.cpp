// The Settings dialog: the cache size measured in the background, Clear, and the values written to
// QSettings only on OK.

#include <fstream>

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/translations.h"

using namespace pindex;

namespace {

template <typename T>
T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

} // namespace

TEST_CASE("the settings dialog measures the cache, clears it after asking, and saves on OK", "[ui][settings]")
{
    test::TempDir dir;
    const auto cache = dir / "cache";
    std::filesystem::create_directories(cache / "simple");
    std::ofstream(cache / "simple/a.json") << std::string(1000, 'a');
    std::ofstream(cache / "b.whl") << std::string(500, 'b');
    QSettings settings(QString::fromStdString((dir / "settings.ini").string()), QSettings::IniFormat);
    settings.setValue(QLatin1String(ui::kCacheDirectorySetting), QString::fromStdString(cache.string()));

    ui::SettingsDialog dialog(&settings);
    QStringList questions;
    bool answer = false;
    dialog.setConfirmHook([&](const QString& text, std::function<void(bool)> done) {
        questions << text;
        done(answer);
    });
    QSignalSpy measured(&dialog, &ui::SettingsDialog::cacheSizeComputed);
    REQUIRE(measured.wait(10000));
    CHECK(measured.back().at(0).toLongLong() == 1500);
    CHECK(measured.back().at(1).toLongLong() == 2);
    CHECK(child<QLabel>(&dialog, "cacheSizeLabel")->text().contains(QStringLiteral("in 2 files")));

    auto* clear = child<QPushButton>(&dialog, "clearCacheButton");
    REQUIRE(clear->isEnabled());
    clear->click(); // declined
    REQUIRE(questions.size() == 1);
    CHECK(std::filesystem::exists(cache / "b.whl"));

    answer = true;
    QSignalSpy cleared(&dialog, &ui::SettingsDialog::cacheCleared);
    clear->click();
    REQUIRE(cleared.wait(10000));
    CHECK_FALSE(std::filesystem::exists(cache));
    REQUIRE(QTest::qWaitFor(
        [&] { return child<QLabel>(&dialog, "cacheSizeLabel")->text() == QStringLiteral("Empty"); }, 10000));

    // Unset, parallel downloads are the command line's default.
    CHECK(child<QSpinBox>(&dialog, "concurrencySpin")->value() ==
          static_cast<int>(index::HttpClientOptions{}.maxConcurrentTransfers));

    // Nothing is written before OK.
    child<QSpinBox>(&dialog, "concurrencySpin")->setValue(4);
    auto* strategy = child<QComboBox>(&dialog, "strategyCombo");
    strategy->setCurrentIndex(strategy->findData(QStringLiteral("unsafe-first-match")));
    auto* language = child<QComboBox>(&dialog, "languageCombo");
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    CHECK_FALSE(settings.contains(QLatin1String(ui::kConcurrencySetting)));
    child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(settings.value(QLatin1String(ui::kConcurrencySetting)).toInt() == 4);
    CHECK(settings.value(QLatin1String(ui::kDefaultStrategySetting)).toString() ==
          QStringLiteral("unsafe-first-match"));
    CHECK(settings.value(QLatin1String(ui::kLanguageSetting)).toString() == QStringLiteral("de"));
    CHECK(settings.value(QLatin1String(ui::kCacheDirectorySetting)).toString() ==
          QString::fromStdString(cache.string()));
}
