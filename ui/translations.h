#pragma once

// The user interface language: English (the source texts) or German (translations/pindex_de.ts,
// embedded as :/i18n/pindex_de.qm). Chosen by, in order: `--lang` on the command line, the
// Settings dialog (QSettings "language"), the environment (LANGUAGE / LC_ALL / LC_MESSAGES / LANG
// through QLocale::system()).

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace pindex::ui {

inline constexpr const char* kLanguageSetting = "language"; // "" (system), "en" or "de"

// The languages the interface is translated into, as codes ("en", "de").
[[nodiscard]] QStringList availableLanguages();

// The language to use: `requested` when given, else the setting, else the system's; always one of
// availableLanguages().
[[nodiscard]] QString chooseLanguage(const QString& requested, const QString& setting);

// Installs the translators for `language` on the application (Pindex's own, and Qt's for standard
// buttons when installed). Returns false when a translation could not be loaded; English always
// works. Installing again replaces the previous language.
bool installTranslations(QCoreApplication& application, const QString& language);

} // namespace pindex::ui
