#pragma once

#include "common/result.h"

#include <QLocale>
#include <QString>
#include <QStringList>

// Amounts as the user reads them: in the account's currency, written the way
// the user's language writes money ("$12.00" in English, "12,00 $" in French).
namespace huntaze::money {

inline constexpr const char *defaultCurrency = "USD";

// The currencies an account can use (ISO 4217 codes), all with cents.
QStringList currencies();
bool isCurrency(const QString &code);
// "$", "€", "£", "CA$", ...; the code itself for one without a symbol of its own.
QString symbol(const QString &code);
// "USD — US dollar": for a choice list.
QString describe(const QString &code);
// `amount` in `currency` for `locale` (the application's by default; the C
// locale, which has no money format, writes it as American English does).
QString format(double amount, const QString &currency, const QLocale &locale = QLocale());

// An amount in `currency` may be kept for an account counting in
// `accountCurrency` only when they are the same (Huntaze converts nothing):
// the one rule for statement lines and paid messages, from a file or made in code.
Result<void> checkAccountCurrency(const QString &currency, const QString &accountCurrency);

} // namespace huntaze::money
