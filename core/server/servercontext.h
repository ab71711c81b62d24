#pragma once

#include "ai/aitools.h"
#include "auth/accountservice.h"
#include "server/hashingpool.h"
#include "server/httpmessage.h"
#include "server/ratelimits.h"
#include "server/sessioncache.h"
#include "storage/agencyrepository.h"
#include "storage/sqlworkerpool.h"
#include "storage/transaction.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace huntaze::server {

class SyncEventHub;

// What every group of routes works with. Handlers run on the server's
// thread; database jobs on the pool; password hashing on a pool of its own
// (`hashing`), so a burst of sign-ins never holds database connections; AI
// calls on the server's thread again (`home`), where the provider's network
// access lives.
struct ServerContext {
    SqlWorkerPool &database;
    HashingPool &hashing;
    AccountService accounts;
    AiTools &ai;
    QObject *home;
    bool openSignUp = false; // ServerConfig::openSignUp
    SessionPolicy sessions; // from ServerConfig: tokens expire
    RateLimiter *limiter = nullptr;
    RateLimits limits;
    SessionCache *sessionCache = nullptr; // verified tokens, when the server keeps them
    SyncEventHub *syncEvents = nullptr; // devices listening for their agency's changes (lives in `home`'s thread)
    int syncPageRows = 20000; // ServerConfig::syncPageRows

    // Runs `job` for the member whose access token the request carries;
    // 401 when there is none, it is unknown or expired (or the member was removed).
    template <typename T>
    QFuture<Result<T>> forMember(const HttpRequest &request, std::function<Result<T>(QSqlDatabase &, const agency::Membership &)> job) const
    {
        const QString token = request.bearerToken();
        const Result<std::optional<IdempotentRequest>> once = idempotentRequest(request);
        if (!once.ok())
            return QtFuture::makeReadyFuture(Result<T>(once.error()));
        return database.run<T>([token, actor = request.actor, sessions = sessions, limiter = limiter,
                                budget = limits.forRoute(request.route), route = request.route, once = once.value(), cache = sessionCache,
                                job = std::move(job)](QSqlDatabase &db) -> Result<T> {
            // One transaction per request: row-level security knows the
            // member from its settings, and a failed step leaves nothing.
            Transaction transaction(db);
            if (Result<void> started = transaction.started(); !started.ok())
                return started.error();
            const Result<agency::Membership> member = authenticate(db, token, sessions, route, cache);
            if (!member.ok())
                return member.error();
            actor->agencyId = member.value().agencyId;
            actor->userId = member.value().userId;
            if (Result<void> allowed = spend(limiter, budget, budgetOwner(member.value()), *actor); !allowed.ok())
                return allowed.error();
            if (once) {
                if (Result<void> taken = takeIdempotencyKey(db, *once, member.value(), *actor, sessions.now()); !taken.ok())
                    return taken.error(); // done before: the answer it got goes out again (HuntazeServer)
            }
            Result<T> result = job(db, member.value());
            if (!result.ok())
                return result;
            if (Result<void> committed = transaction.commit(); !committed.ok())
                return committed.error();
            return result;
        });
    }

    // Runs `job` on the rows of the creator the request names (`?creator=`,
    // else the member's first creator), once the member's role allows one
    // of `anyOf` (or `anyOf` is empty) and its scope includes that creator;
    // 403 otherwise. Every
    // creator query filters on the scope: no member reaches rows of another
    // agency or of a creator not assigned to them.
    template <typename T>
    QFuture<Result<T>> forCreator(const HttpRequest &request, const QList<agency::Permission> &anyOf,
                                  std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> job) const
    {
        const Result<qint64> creatorId = requestedCreator(request);
        if (!creatorId.ok())
            return QtFuture::makeReadyFuture(Result<T>(creatorId.error()));
        return forMember<T>(request,
                            [permissions = anyOf, creatorId = creatorId.value(),
                             job = std::move(job)](QSqlDatabase &db, const agency::Membership &member) -> Result<T> {
                                // None named: seeing the creator is enough.
                                if (!permissions.isEmpty()) {
                                    if (Result<void> allowed = member.require(permissions); !allowed.ok())
                                        return allowed.error();
                                }
                                const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
                                if (!scope.ok())
                                    return scope.error();
                                return job(db, scope.value());
                            });
    }

    // Takes one request from `owner`'s `budget` ("member:42", "key:7"); TooManyRequests when it is spent.
    static Result<void> spend(RateLimiter *limiter, const RateLimit &budget, const QString &owner, HttpRequest::Actor &actor);
    static QString budgetOwner(const agency::Membership &member);
    // The member a Bearer token acts as: a session's access token, or an API
    // key (hzk_...), which may not reach `route` if it is about people (the
    // team, sessions, shifts): 403. From `cache` when it holds the token
    // (then one statement enters the member for row-level security), else
    // looked up, and kept there.
    static Result<agency::Membership> authenticate(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions,
                                                   const QString &route, SessionCache *cache = nullptr);

    // A write's Idempotency-Key (1-255 visible ASCII characters; 400 naming
    // it otherwise) and the digest of what the request asks. None for reads,
    // without the header, and for routes of several steps, which it does not
    // cover (the AI tools, which write nothing; changing a password).
    struct IdempotentRequest {
        QString key;
        QByteArray digest;
    };
    static Result<std::optional<IdempotentRequest>> idempotentRequest(const HttpRequest &request);
    // Inside the write's transaction: takes the key, or finds the earlier
    // request with it (actor.replay, and an error that stops this one).
    static Result<void> takeIdempotencyKey(QSqlDatabase &db, const IdempotentRequest &request, const agency::Membership &member,
                                           HttpRequest::Actor &actor, const QDateTime &now);

    // The `creator` query parameter: 0 when absent, 400 when not an id.
    static Result<qint64> requestedCreator(const HttpRequest &request);
    // A row's id as a client writes it (path segment or query parameter):
    // a positive whole number in digits only; nothing otherwise.
    static std::optional<qint64> idFrom(const QString &text);
    // A {name} path segment that is an id; 404 (no such resource) otherwise.
    static Result<qint64> pathId(const HttpRequest &request, const QString &name);
    // A query parameter holding an ISO 8601 instant: invalid when absent,
    // 400 naming it when it is not one.
    static Result<QDateTime> instantParameter(const HttpRequest &request, const QString &name);
};

// Turns a future result into the HTTP answer: `toResponse(value)` on success,
// the error's mapping otherwise. Launch::Async runs a costly `toResponse` on
// the thread pool instead of the thread that finished `result` (a database
// worker, which other requests are waiting for).
template <typename T, typename ToResponse>
QFuture<HttpResponse> answer(QFuture<Result<T>> result, ToResponse toResponse, QtFuture::Launch launch = QtFuture::Launch::Sync)
{
    return result.then(launch, [toResponse = std::move(toResponse)](const Result<T> &value) {
        if (!value.ok())
            return HttpResponse::fromError(value.error());
        if constexpr (std::is_void_v<T>)
            return toResponse();
        else
            return toResponse(value.value());
    });
}

inline QFuture<HttpResponse> answerNow(HttpResponse response)
{
    return QtFuture::makeReadyFuture(std::move(response));
}

inline QFuture<HttpResponse> answerNow(const Error &error)
{
    return answerNow(HttpResponse::fromError(error));
}

} // namespace huntaze::server
