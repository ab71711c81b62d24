#pragma once

#include "common/result.h"
#include "net/apirequest.h"

#include <QFuture>
#include <QJsonObject>
#include <QUrl>

#include <functional>

namespace huntaze {

class ApiClient;

struct ServerCallOptions {
    QString coalesceKey; // lets identical POSTs (AI tools) share one call
    std::chrono::milliseconds timeout{20000};
    std::optional<RetryPolicy> retry; // the client's default when empty
};

// huntaze-server's JSON API as the desktop calls it: paths under the server's
// address, the session's Bearer token, one circuit breaker ("Huntaze
// server"), and the server's errors ({"error": {code, message, field,
// position}}) turned back into the Error the embedded backend would give, so
// the UI cannot tell which backend answered.
class ServerApi
{
public:
    using TokenSource = std::function<QString()>;
    // The creator the member works on (0: their first): sent as ?creator= with every call.
    using CreatorSource = std::function<qint64()>;

    ServerApi(ApiClient &client, QUrl serverUrl, TokenSource token, CreatorSource creator = {});

    static constexpr const char *serviceName = "Huntaze server";

    const QUrl &serverUrl() const { return m_serverUrl; }
    QUrl endpoint(const QString &path) const;

    using Options = ServerCallOptions;

    // Answers of 204 come back as an empty object.
    QFuture<Result<QJsonObject>> call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                                      const Options &options = {});
    // Whether a Huntaze server answers at this address, once and quickly (no
    // retries): for "Connect" and "Test connection", where a person waits.
    QFuture<Result<void>> checkHealth();

    // Cancels every call still running (their futures finish as cancelled).
    void abandonAll();

    // The Error a server error answer stands for.
    static Error errorFrom(const ApiResponse &response);

private:
    ApiClient &m_client;
    QUrl m_serverUrl;
    TokenSource m_token;
    CreatorSource m_creator;
    QList<QFuture<Result<ApiResponse>>> m_running;
};

} // namespace huntaze
