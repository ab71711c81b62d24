#pragma once

#include "ai/aitools.h"
#include "auth/accountservice.h"
#include "server/httpmessage.h"
#include "storage/sqlworkerpool.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace huntaze::server {

// What every group of routes works with. Handlers run on the server's
// thread; database jobs on the pool; password hashing on a pool of its own
// (`hashing`), so a burst of sign-ins never holds database connections; AI
// calls on the server's thread again (`home`), where the provider's network
// access lives.
struct ServerContext {
    SqlWorkerPool &database;
    QThreadPool &hashing;
    AccountService accounts;
    AiTools &ai;
    QObject *home;

    // Runs `job` for the account whose session token the request carries;
    // 401 when there is none or it is unknown. Every creator query filters on
    // that account id: one account can never reach another's rows.
    template <typename T>
    QFuture<Result<T>> forUser(const HttpRequest &request, std::function<Result<T>(QSqlDatabase &, qint64 userId)> job) const
    {
        const QString token = request.bearerToken();
        return database.run<T>([token, job = std::move(job)](QSqlDatabase &db) -> Result<T> {
            const Result<qint64> userId = AccountService::userIdFor(db, token);
            if (!userId.ok())
                return userId.error();
            return job(db, userId.value());
        });
    }
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
