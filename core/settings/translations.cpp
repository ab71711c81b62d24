#include "translations.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace huntaze {

bool installTranslations(const QString &localeName)
{
    QLocale locale(localeName);
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(locale);

    auto *app = QCoreApplication::instance();
    auto *qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);

    // English has a translation too: the plural forms of its source strings.
    auto *translator = new QTranslator(app);
    if (!translator->load(locale, QStringLiteral("huntaze"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcApp) << "no Huntaze translation for" << localeName;
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace huntaze
