#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pindex::ui {

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString chooseLanguage(const QString& requested, const QString& setting)
{
    const QStringList available = availableLanguages();
    for (const QString& candidate : {requested, setting}) {
        const QString code = candidate.left(2).toLower();
        if (available.contains(code))
            return code;
    }
    for (const QString& name : QLocale::system().uiLanguages()) {
        const QString code = name.left(2).toLower();
        if (available.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool installTranslations(QCoreApplication& application, const QString& language)
{
    // Translators are children of the application, named so that a second call can replace them.
    for (auto* old : application.findChildren<QTranslator*>(QStringLiteral("pindexTranslator"))) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    if (language == QLatin1String("en"))
        return true;
    auto* own = new QTranslator(&application);
    own->setObjectName(QStringLiteral("pindexTranslator"));
    if (!own->load(QStringLiteral(":/i18n/pindex_%1.qm").arg(language))) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings (standard buttons, wizard buttons), when the Qt translations are installed.
    auto* qt = new QTranslator(&application);
    qt->setObjectName(QStringLiteral("pindexTranslator"));
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

} // namespace pindex::ui
