#include "servercontext.h"

#include "agency/apikeys.h"
#include "storage/apikeyrepository.h"

#include <QCoreApplication>

#include <algorithm>

namespace huntaze::server {

QString ServerContext::budgetOwner(const agency::Membership &member)
{
    return member.apiKeyId != 0 ? QStringLiteral("key:%1").arg(member.apiKeyId) : QStringLiteral("member:%1").arg(member.userId);
}

Result<agency::Membership> ServerContext::authenticate(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions,
                                                       const QString &route)
{
    if (!agency::apikey::looksLikeKey(token))
        return AccountService::memberFor(db, token, sessions);
    static const QStringList peopleOnly{QStringLiteral("/api/auth/"), QStringLiteral("/api/agency/"), QStringLiteral("/api/shifts")};
    for (const QString &prefix : peopleOnly) {
        if (route.startsWith(prefix))
            return Error{ErrorCode::Forbidden,
                         QCoreApplication::translate("huntaze::server::ServerContext",
                                                     "API keys work on creators' data and the AI tools; the team, sessions and shifts "
                                                     "need a person signed in."),
                         {},
                         {}};
    }
    return ApiKeyRepository(db).enter(token, sessions.now());
}

Result<void> ServerContext::spend(RateLimiter *limiter, const RateLimit &budget, const QString &owner, HttpRequest::Actor &actor)
{
    if (!limiter || !budget.enabled())
        return Result<void>::success();
    const RateDecision decision = limiter->take(owner + QLatin1Char(':') + QString::fromLatin1(budget.name), budget);
    actor.rate = decision;
    if (!decision.allowed)
        return tooManyRequests(decision);
    return Result<void>::success();
}

Result<qint64> ServerContext::requestedCreator(const HttpRequest &request)
{
    if (!request.query.hasQueryItem(QStringLiteral("creator")))
        return qint64(0);
    const std::optional<qint64> id = idFrom(request.query.queryItemValue(QStringLiteral("creator")));
    if (!id)
        return Error::validation(
            QStringLiteral("creator"),
            QCoreApplication::translate("huntaze::server::ServerContext", "\"creator\" must be a creator's id (a whole number)."));
    return *id;
}

Result<qint64> ServerContext::pathId(const HttpRequest &request, const QString &name)
{
    const std::optional<qint64> id = idFrom(request.pathParameters.value(name));
    if (!id)
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("huntaze::server::ServerContext", "There is nothing at this address.")};
    return *id;
}

Result<QDateTime> ServerContext::instantParameter(const HttpRequest &request, const QString &name)
{
    if (!request.query.hasQueryItem(name))
        return QDateTime();
    const QDateTime at = QDateTime::fromString(request.query.queryItemValue(name), Qt::ISODateWithMs);
    if (!at.isValid())
        return Error::validation(
            name,
            QCoreApplication::translate("huntaze::server::ServerContext", "\"%1\" must be a date and time like 2026-11-30T09:00:00Z.")
                .arg(name));
    return at;
}

std::optional<qint64> ServerContext::idFrom(const QString &text)
{
    // 18 digits stay below 2^63; "+5", " 5" and "5.0" are not ids.
    if (text.isEmpty() || text.size() > 18
        || !std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit() && c.unicode() < 128; }))
        return std::nullopt;
    const qint64 id = text.toLongLong();
    if (id <= 0)
        return std::nullopt;
    return id;
}

} // namespace huntaze::server
