#include "servercontext.h"

#include "agency/apikeys.h"
#include "auth/sessiontoken.h"
#include "storage/apikeyrepository.h"
#include "storage/idempotencyrepository.h"

#include <QCryptographicHash>

#include <QCoreApplication>

#include <algorithm>

namespace huntaze::server {

QString ServerContext::budgetOwner(const agency::Membership &member)
{
    return member.apiKeyId != 0 ? QStringLiteral("key:%1").arg(member.apiKeyId) : QStringLiteral("member:%1").arg(member.userId);
}

Result<agency::Membership> ServerContext::authenticate(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions,
                                                       const QString &route, SessionCache *cache)
{
    const bool apiKey = agency::apikey::looksLikeKey(token);
    if (apiKey) {
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
    }
    if (token.isEmpty())
        return AccountService::memberFor(db, token, sessions);
    const QByteArray digest = sessiontoken::digest(token);
    const QDateTime now = sessions.now();
    if (cache) {
        if (std::optional<agency::Membership> kept = cache->find(digest, now)) {
            if (Result<void> entered = AgencyRepository(db).enter(*kept); !entered.ok())
                return entered.error();
            // Kept for /api/me; routes read the creators they need in their own transaction.
            kept->creators.reset();
            return *kept;
        }
    }
    const SessionCache::Generation askedAt = cache ? cache->generation() : 0;
    Result<agency::Membership> member = apiKey ? ApiKeyRepository(db).enter(token, now) : AccountService::memberFor(db, token, sessions);
    if (member.ok() && cache)
        cache->store(digest, member.value(), askedAt, now);
    return member;
}

Result<std::optional<ServerContext::IdempotentRequest>> ServerContext::idempotentRequest(const HttpRequest &request)
{
    if (!request.isIdempotentWrite() || request.route.startsWith(QLatin1String("/api/ai-assistant/"))
        || request.route == QLatin1String("/api/auth/password"))
        return std::optional<IdempotentRequest>();
    const QByteArray key = request.header(QByteArrayLiteral("Idempotency-Key"));
    const bool visibleAscii = std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (key.size() > 255 || !visibleAscii)
        return Error::validation(
            QStringLiteral("Idempotency-Key"),
            QCoreApplication::translate("huntaze::server::ServerContext",
                                        "The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID will do)."));
    QCryptographicHash digest(QCryptographicHash::Sha256);
    digest.addData(
        QByteArray(request.method + '\n' + request.path.toUtf8() + '?' + request.query.toString(QUrl::FullyEncoded).toUtf8() + '\n'));
    digest.addData(request.body);
    return std::optional<IdempotentRequest>(IdempotentRequest{QString::fromLatin1(key), digest.result()});
}

Result<void> ServerContext::takeIdempotencyKey(QSqlDatabase &db, const IdempotentRequest &request, const agency::Membership &member,
                                               HttpRequest::Actor &actor, const QDateTime &now)
{
    const QString caller = budgetOwner(member);
    const Result<IdempotencyRepository::Outcome> taken
        = IdempotencyRepository(db).begin(member.agencyId, caller, request.key, request.digest, now);
    if (!taken.ok())
        return taken.error();
    switch (taken.value().kind) {
    case IdempotencyRepository::Outcome::Fresh:
        actor.idempotency = HttpRequest::Actor::Idempotency{member.agencyId, caller, request.key};
        return Result<void>::success();
    case IdempotencyRepository::Outcome::Replay: {
        const IdempotencyRepository::StoredAnswer &answer = taken.value().answer;
        actor.replay = HttpRequest::Actor::Replay{answer.status, answer.contentType, answer.body};
        return Error(ErrorCode::Conflict, {}, QStringLiteral("idempotent replay"));
    }
    case IdempotencyRepository::Outcome::OtherRequest: {
        Error error = Error::validation(
            QStringLiteral("Idempotency-Key"),
            QCoreApplication::translate("huntaze::server::ServerContext",
                                        "This Idempotency-Key was used for another request. Use a new key for each change."));
        error.httpStatus = 422;
        return error;
    }
    case IdempotencyRepository::Outcome::InProgress: {
        Error busy(
            ErrorCode::Conflict,
            QCoreApplication::translate("huntaze::server::ServerContext",
                                        "A request with this Idempotency-Key is being answered. Try again in a moment to get its answer."));
        busy.retryAt = now.addSecs(1);
        return busy;
    }
    case IdempotencyRepository::Outcome::AnswerLost: break;
    }
    return Error(ErrorCode::Conflict,
                 QCoreApplication::translate("huntaze::server::ServerContext",
                                             "This change was already made by an earlier try with the same Idempotency-Key, whose answer "
                                             "was lost. Reload to see it."));
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
