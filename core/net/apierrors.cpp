#include "apierrors.h"

#include <QCoreApplication>
#include <QLocale>

namespace huntaze::apierrors {

namespace {

QString timeOfDay(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
}

} // namespace

Error unreachable(const QString &host, const QString &detail)
{
    return Error{ErrorCode::Network,
                 QCoreApplication::translate("huntaze::apierrors", "Cannot reach %1. Check your internet connection.").arg(host),
                 detail,
                 {}};
}

Error connectionLost(const QString &host, const QString &detail)
{
    return Error{
        ErrorCode::Network,
        QCoreApplication::translate("huntaze::apierrors", "The connection to %1 was lost before the answer was complete.").arg(host),
        detail,
        {}};
}

Error timeout(const QString &host, qint64 timeoutMs)
{
    return Error{ErrorCode::Timeout,
                 QCoreApplication::translate("huntaze::apierrors", "%1 did not answer within %2 seconds.")
                     .arg(host)
                     .arg(static_cast<double>(timeoutMs) / 1000.0, 0, 'g', 3),
                 QStringLiteral("timeout after %1 ms").arg(timeoutMs),
                 {}};
}

Error tls(const QString &host, const QStringList &certificateProblems, const QString &detail)
{
    if (certificateProblems.isEmpty())
        return Error{
            ErrorCode::Tls,
            QCoreApplication::translate("huntaze::apierrors", "The secure connection to %1 failed. Its certificate may be invalid.")
                .arg(host),
            detail,
            {}};
    return Error{
        ErrorCode::Tls,
        QCoreApplication::translate("huntaze::apierrors",
                                    "Huntaze does not trust the certificate of %1: %2 Nothing was sent. If this is your agency's "
                                    "server, ask its operator for a certificate from a known authority, or install its "
                                    "authority on this computer.")
            .arg(host,
                 certificateProblems.first().endsWith(u'.') ? certificateProblems.first() : certificateProblems.first() + QLatin1Char('.')),
        detail + QStringLiteral(": ") + certificateProblems.join(QStringLiteral("; ")),
        {}};
}

Error httpStatus(int status, const QString &serverMessage)
{
    Error error{
        ErrorCode::HttpStatus,
        serverMessage.isEmpty()
            ? QCoreApplication::translate("huntaze::apierrors", "The server answered with error %1.").arg(status)
            : QCoreApplication::translate("huntaze::apierrors", "The server answered with error %1: %2").arg(status).arg(serverMessage),
        QStringLiteral("HTTP %1").arg(status),
        {}};
    error.httpStatus = status;
    return error;
}

Error malformedJson(const QString &host, const QString &detail)
{
    return Error{ErrorCode::MalformedResponse,
                 QCoreApplication::translate("huntaze::apierrors", "%1 sent an answer Huntaze cannot read.").arg(host),
                 detail,
                 {}};
}

Error circuitOpen(const QString &service, const QDateTime &retryAt)
{
    Error error{ErrorCode::CircuitOpen,
                QCoreApplication::translate("huntaze::apierrors",
                                            "%1 failed several times in a row, so Huntaze paused calls to it. It will try again at %2.")
                    .arg(service, timeOfDay(retryAt)),
                QStringLiteral("circuit open until %1").arg(retryAt.toString(Qt::ISODate)),
                {}};
    error.retryAt = retryAt;
    return error;
}

Error rateLimited(const QString &host, const QDateTime &until)
{
    Error error{ErrorCode::RateLimited,
                QCoreApplication::translate("huntaze::apierrors", "%1 asked Huntaze to slow down: rate limited until %2.")
                    .arg(host, timeOfDay(until)),
                QStringLiteral("rate limited until %1").arg(until.toString(Qt::ISODate)),
                {}};
    error.httpStatus = 429;
    error.retryAt = until;
    return error;
}

Error cancelled()
{
    return Error{ErrorCode::Cancelled, QCoreApplication::translate("huntaze::apierrors", "Cancelled."), {}, {}};
}

bool meansUnreachable(const Error &error)
{
    return error.code == ErrorCode::Network || error.code == ErrorCode::Timeout || error.code == ErrorCode::Tls
        || error.code == ErrorCode::CircuitOpen;
}

} // namespace huntaze::apierrors
