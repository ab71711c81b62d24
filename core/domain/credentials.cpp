#include "credentials.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace huntaze::credentials {

QString normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

Result<QString> validateEmail(const QString &email)
{
    const QString normalized = normalizeEmail(email);
    if (normalized.isEmpty())
        return Error::validation(QStringLiteral("email"), QCoreApplication::translate("huntaze::credentials", "Enter your email address."));
    // Deliberately loose: one @, something on each side, a dot in the domain and
    // no spaces. Stricter RFC 5322 checks reject real addresses.
    static const QRegularExpression shape(QStringLiteral(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)"));
    if (normalized.size() > maxEmailLength || !shape.match(normalized).hasMatch())
        return Error::validation(QStringLiteral("email"),
                                 QCoreApplication::translate("huntaze::credentials", "Enter an email address like name@example.com."));
    return normalized;
}

Result<void> validatePassword(const QString &password)
{
    const auto length = password.toUcs4().size();
    if (length < minPasswordLength)
        return Error::validation(QStringLiteral("password"),
                                 QCoreApplication::translate("huntaze::credentials", "Use at least %n characters for your password.",
                                                             nullptr, minPasswordLength));
    if (length > maxPasswordLength)
        return Error::validation(QStringLiteral("password"),
                                 QCoreApplication::translate("huntaze::credentials", "Use at most %n characters for your password.",
                                                             nullptr, maxPasswordLength));
    if (password.trimmed().isEmpty())
        return Error::validation(QStringLiteral("password"),
                                 QCoreApplication::translate("huntaze::credentials", "A password cannot be only spaces."));
    return Result<void>::success();
}

} // namespace huntaze::credentials
