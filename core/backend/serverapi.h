#pragma once

#include "common/result.h"
#include "net/apirequest.h"

#include <QFuture>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace huntaze {

class ApiClient;
class ServerSession;

struct ServerCallOptions {
    QString coalesceKey; // lets identical POSTs (AI tools) share one call
    std::chrono::milliseconds timeout{20000};
    std::optional<RetryPolicy> retry; // the client's default when empty
};

// huntaze-server's JSON API as the desktop calls it: paths under the server's
// address, the session's access token (renewed before it expires, and once
// after a 401), one circuit breaker ("Huntaze server"), and the server's errors ({"error": {code, message, field,
// position}}) turned back into the Error the embedded backend would give, so
// the UI cannot tell which backend answered.
class ServerApi
{
public:
    // The creator the member works on (0: their first): sent as ?creator= with every call.
    using CreatorSource = std::function<qint64()>;

    // Without a session: only calls that need none (health, signing in).
    ServerApi(ApiClient &client, QUrl serverUrl, ServerSession *session, CreatorSource creator = {});
    ~ServerApi();

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

    // A long GET whose body goes to `onData` as it arrives (server-sent
    // events), with the session's access token as it is now, on a circuit
    // breaker of its own ("Huntaze server events"): a stream that lasts hours
    // says nothing of how calls fare. Ends after `silence` with nothing
    // received; cancel the future to stop listening. Not renewed first: a
    // refused token ends it, and the caller listens again later.
    QFuture<Result<ApiResponse>> listen(const QString &path, std::function<void(const QByteArray &)> onData,
                                        std::chrono::milliseconds silence);
    static constexpr const char *eventsServiceName = "Huntaze server events";

    // Cancels every call still running (their futures finish as cancelled).
    void abandonAll();

    // The Error a server error answer stands for.
    static Error errorFrom(const ApiResponse &response);

private:
    QFuture<Result<QJsonObject>> send(const ApiRequest &request, const QString &token);
    QFuture<Result<QJsonObject>> sendRenewingOnce(const ApiRequest &request);

    ApiClient &m_client;
    QUrl m_serverUrl;
    QPointer<ServerSession> m_session;
    CreatorSource m_creator;
    QList<QFuture<Result<ApiResponse>>> m_running;
    // Continuations run here: gone with this object, they never call into it afterwards.
    std::unique_ptr<QObject> m_context;
};

} // namespace huntaze
