#include "money.h"

#include <QCoreApplication>

namespace huntaze::money {

namespace {

struct Known {
    const char *code;
    const char *symbol;
    const char *name;
};

constexpr Known known[] = {
    {"USD", "$", QT_TRANSLATE_NOOP("huntaze::money", "US dollar")},
    {"EUR", "€", QT_TRANSLATE_NOOP("huntaze::money", "Euro")},
    {"GBP", "£", QT_TRANSLATE_NOOP("huntaze::money", "Pound sterling")},
    {"CAD", "CA$", QT_TRANSLATE_NOOP("huntaze::money", "Canadian dollar")},
    {"AUD", "A$", QT_TRANSLATE_NOOP("huntaze::money", "Australian dollar")},
    {"CHF", "CHF", QT_TRANSLATE_NOOP("huntaze::money", "Swiss franc")},
    {"BRL", "R$", QT_TRANSLATE_NOOP("huntaze::money", "Brazilian real")},
    {"MXN", "MX$", QT_TRANSLATE_NOOP("huntaze::money", "Mexican peso")},
};

const Known *find(const QString &code)
{
    for (const Known &currency : known) {
        if (code == QLatin1String(currency.code))
            return &currency;
    }
    return nullptr;
}

} // namespace

QStringList currencies()
{
    QStringList codes;
    for (const Known &currency : known)
        codes.append(QString::fromLatin1(currency.code));
    return codes;
}

bool isCurrency(const QString &code)
{
    return find(code) != nullptr;
}

QString symbol(const QString &code)
{
    const Known *currency = find(code);
    return currency ? QString::fromUtf8(currency->symbol) : code;
}

QString describe(const QString &code)
{
    const Known *currency = find(code);
    return currency ? QStringLiteral("%1 — %2").arg(code, QCoreApplication::translate("huntaze::money", currency->name)) : code;
}

QString format(double amount, const QString &currency, const QLocale &locale)
{
    const QLocale writing = locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : locale;
    return writing.toCurrencyString(amount, symbol(currency.isEmpty() ? QString::fromLatin1(defaultCurrency) : currency), 2);
}

Result<void> checkAccountCurrency(const QString &currency, const QString &accountCurrency)
{
    if (currency.toUpper() == accountCurrency.toUpper())
        return Result<void>::success();
    // The context is the analytics': the message was theirs first.
    return Error::validation(QStringLiteral("currency"),
                             QCoreApplication::translate("huntaze::analytics",
                                                         "This amount is in %1 but the account counts in %2. Convert the statement "
                                                         "first, or change the account's currency in Settings.")
                                 .arg(currency, accountCurrency));
}

} // namespace huntaze::money
