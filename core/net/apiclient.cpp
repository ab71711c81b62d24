#include "apiclient.h"

#include "logging/logging.h"
#include "net/apierrors.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QRandomGenerator>
#include <QSslError>
#include <QUuid>

namespace huntaze {

using std::chrono::milliseconds;

// One logical request: its attempts, their timeouts and the waits between them.
class ApiClient::Call : public QObject
{
public:
    Call(ApiClient &client, ApiRequest request)
        : QObject(&client),
          m_client(client),
          m_request(std::move(request)),
          m_policy(m_request.retry.value_or(client.m_defaultRetry)),
          m_breaker(client.m_breakers.breaker(m_request.serviceName())),
          m_endpoint(RateLimitTracker::endpointOf(m_request.url)),
          m_requestId(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
    {
        m_promise.start();

        // The caller side cancels through the future.
        auto *watcher = new QFutureWatcher<Result<ApiResponse>>(this);
        connect(watcher, &QFutureWatcherBase::canceled, this, &Call::cancel);
        watcher->setFuture(m_promise.future());
    }

    QFuture<Result<ApiResponse>> future() { return m_promise.future(); }

    void start()
    {
        m_startedAt = clock().now();
        const QDateTime limitedUntil = m_client.m_rateLimits.limitedUntil(m_endpoint);
        if (limitedUntil.isValid()) {
            finish(apierrors::rateLimited(host(), limitedUntil));
            return;
        }
        attempt();
    }

private:
    QString host() const { return m_request.url.host(); }
    Clock &clock() const { return m_client.m_clock; }
    milliseconds since(const QDateTime &time) const { return milliseconds(time.msecsTo(clock().now())); }

    // Silence for the request's timeout (on the client's clock) aborts the attempt.
    void restartTimeout()
    {
        m_timeout = clock().startTimer(m_request.timeout, this, [this] {
            m_timedOut = true;
            if (m_reply)
                m_reply->abort();
        });
    }

    void attempt()
    {
        ++m_attempts;
        m_certificateProblems.clear();
        m_permit = m_breaker.tryAcquire();
        if (!m_permit.granted) {
            finish(apierrors::circuitOpen(m_request.serviceName(), m_permit.retryAt));
            return;
        }

        QNetworkRequest request(m_request.url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        request.setRawHeader("Accept", "application/json");
        request.setRawHeader("X-Request-Id", m_requestId.toLatin1());
        if (!m_request.body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!m_request.bearerToken.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_request.bearerToken.toUtf8());
        if (!m_request.idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", m_request.idempotencyKey);
        for (const auto &[name, value] : m_request.headers)
            request.setRawHeader(name, value);

        m_timedOut = false;
        m_streamedBytes = 0;
        m_attemptStartedAt = clock().now();
        m_reply = m_client.m_network.sendCustomRequest(request, m_request.method, m_request.body);
        connect(m_reply, &QNetworkReply::finished, this, &Call::onReplyFinished);
#ifndef QT_NO_SSL
        // What was wrong with the certificate, to say so (the reply's own error only says the handshake failed).
        connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &error : errors)
                m_certificateProblems.append(error.errorString());
        });
#endif
        if (m_request.onData)
            connect(m_reply, &QNetworkReply::readyRead, this, &Call::onStreamData);
        restartTimeout();
    }

    // Hands a streamed body over chunk by chunk; only successful answers stream.
    void onStreamData()
    {
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status >= 300)
            return;
        const QByteArray chunk = m_reply->readAll();
        if (chunk.isEmpty())
            return;
        m_streamed = true;
        m_streamedBytes += chunk.size();
        restartTimeout(); // silence, not total time, ends a stream
        m_request.onData(chunk);
    }

    void onReplyFinished()
    {
        m_timeout.reset();
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        const milliseconds duration = since(m_attemptStartedAt);

        if (m_cancelled) {
            m_breaker.onAbandoned(m_permit);
            return;
        }
        if (m_request.onData && !m_timedOut && reply->error() == QNetworkReply::NoError)
            onStreamDataFrom(*reply);
        std::optional<ApiResponse> answered;
        Result<ApiResponse> result = interpret(*reply, answered);
        if (const std::optional<milliseconds> wait = answered ? answerPendingDelay(*answered) : std::nullopt) {
            m_breaker.onSuccess(m_permit, duration); // the server answered, and sanely
            qCInfo(lcNet) << m_requestId << m_request.method << RateLimitTracker::endpointOf(m_request.url) << "attempt" << m_attempts
                          << "found its answer still being made";
            m_retryTimer = clock().startTimer(*wait, this, [this] { attempt(); });
            return;
        }
        if (result.ok()) {
            m_breaker.onSuccess(m_permit, duration);
            finish(std::move(result));
            return;
        }
        const Error &error = result.error();
        m_breaker.onError(m_permit, duration, error);
        qCInfo(lcNet) << m_requestId << m_request.method << RateLimitTracker::endpointOf(m_request.url) << "attempt" << m_attempts
                      << "failed:" << error.detail;

        std::optional<milliseconds> wait = retryDelay(error);
        if (!wait) {
            finish(error.httpStatus == 429 ? Result<ApiResponse>(apierrors::rateLimited(host(), error.retryAt)) : std::move(result));
            return;
        }
        m_retryTimer = clock().startTimer(*wait, this, [this] { attempt(); });
    }

    void onStreamDataFrom(QNetworkReply &reply)
    {
        const QByteArray rest = reply.readAll();
        if (!rest.isEmpty()) {
            m_streamed = true;
            m_streamedBytes += rest.size();
            m_request.onData(rest);
        }
    }

    // A 409 with Retry-After to a write with an Idempotency-Key: the server is
    // still making the answer to an earlier try of that key (the try timed out
    // here, not there). The answer comes on a later try, after the wait the
    // server names; such tries are bounded by the total deadline, not counted.
    // Nothing when the call should end with this answer.
    std::optional<milliseconds> answerPendingDelay(const ApiResponse &response) const
    {
        if (response.status != 409 || m_request.idempotencyKey.isEmpty() || response.header(QByteArrayLiteral("Retry-After")).isEmpty())
            return std::nullopt;
        const QDateTime now = clock().now();
        const milliseconds wait(std::max<qint64>(0, now.msecsTo(RateLimitTracker::resetTime(response, now))));
        if (since(m_startedAt) + wait > m_policy.totalDeadline)
            return std::nullopt;
        return wait;
    }

    // How long to wait before the next attempt, or nothing when there is none.
    std::optional<milliseconds> retryDelay(const Error &error) const
    {
        if (!m_request.isRetrySafe() || !RetryPolicy::isRetryable(error) || m_attempts >= m_policy.maxAttempts)
            return std::nullopt;
        // Part of a stream already reached the caller: repeating would duplicate it.
        if (m_streamed)
            return std::nullopt;
        // Never knock on a service its breaker just closed the door on.
        if (m_breaker.state() == CircuitBreaker::State::Open)
            return std::nullopt;
        milliseconds wait = m_policy.backoff(m_attempts, m_client.m_random());
        if (error.httpStatus == 429)
            wait = std::max(wait, milliseconds(std::max<qint64>(0, m_client.m_clock.now().msecsTo(error.retryAt))));
        if (since(m_startedAt) + wait > m_policy.totalDeadline)
            return std::nullopt;
        return wait;
    }

    // `answered`: the server's answer as it came, whatever its status, when there was one.
    Result<ApiResponse> interpret(QNetworkReply &reply, std::optional<ApiResponse> &answered)
    {
        if (m_timedOut)
            return apierrors::timeout(host(), m_request.timeout.count());

        const QNetworkReply::NetworkError networkError = reply.error();
        const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString detail = QStringLiteral("%1 (%2)").arg(reply.errorString()).arg(static_cast<int>(networkError));
        // Codes below 200 are connection-level (1-99) and proxy (101-199) failures.
        if (networkError != QNetworkReply::NoError && networkError < 200) {
            if (networkError == QNetworkReply::SslHandshakeFailedError)
                return apierrors::tls(host(), m_certificateProblems, detail);
            if (status > 0 || networkError == QNetworkReply::RemoteHostClosedError)
                return apierrors::connectionLost(host(), detail);
            return apierrors::unreachable(host(), detail);
        }

        ApiResponse response;
        response.status = status;
        response.body = reply.readAll();
        for (const auto &[name, value] : reply.rawHeaderPairs())
            response.headers.append({name, value});
        // Qt's HTTP channel may end a reply whose server closed mid-body without
        // an error, when it notices the close before the last read: the length
        // the server announced tells. (Qt removes the header when it inflates a
        // compressed body, so this never compares against the compressed size.)
        const QVariant announced = reply.header(QNetworkRequest::ContentLengthHeader);
        const qint64 received = m_streamedBytes + response.body.size();
        if (announced.isValid() && m_request.method != "HEAD" && status != 204 && status != 304 && received < announced.toLongLong())
            return apierrors::connectionLost(
                host(), QStringLiteral("the answer ended after %1 of the %2 bytes announced").arg(received).arg(announced.toLongLong()));
        answered = response;
        if (!response.body.trimmed().isEmpty() && !(m_request.onData && status < 400)) {
            QJsonParseError parseError{};
            response.json = QJsonDocument::fromJson(response.body, &parseError);
            if (parseError.error != QJsonParseError::NoError && status < 400)
                return apierrors::malformedJson(host(),
                                                QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
        }

        const bool callerReadsIt = m_request.returnClientErrors && status >= 400 && status < 500 && status != 408 && status != 429;
        if (status >= 400 && !callerReadsIt) {
            const QJsonValue serverError = response.json.object().value(QStringLiteral("error"));
            const QString message
                = serverError.isObject() ? serverError.toObject().value(QStringLiteral("message")).toString() : serverError.toString();
            Error error = apierrors::httpStatus(status, message);
            if (status == 429) {
                const QDateTime until = RateLimitTracker::resetTime(response, m_client.m_clock.now());
                m_client.m_rateLimits.limit(m_endpoint, until);
                error.retryAt = until;
            }
            return error;
        }
        return response;
    }

    void cancel()
    {
        if (m_finished)
            return;
        m_cancelled = true;
        m_retryTimer.reset();
        m_timeout.reset();
        if (m_reply)
            m_reply->abort(); // finished() arrives synchronously and releases the permit
        finish(apierrors::cancelled());
    }

    void finish(Result<ApiResponse> result)
    {
        if (m_finished)
            return;
        m_finished = true;
        if (!m_promise.isCanceled())
            m_promise.addResult(std::move(result));
        m_promise.finish();
        deleteLater();
    }

    ApiClient &m_client;
    const ApiRequest m_request;
    const RetryPolicy m_policy;
    CircuitBreaker &m_breaker;
    const QString m_endpoint;
    const QString m_requestId;
    QPromise<Result<ApiResponse>> m_promise;
    CircuitBreaker::Permit m_permit;
    QPointer<QNetworkReply> m_reply;
    QStringList m_certificateProblems; // of this attempt's TLS handshake
    std::unique_ptr<ClockTimer> m_timeout;
    std::unique_ptr<ClockTimer> m_retryTimer;
    QDateTime m_startedAt;
    QDateTime m_attemptStartedAt;
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_streamed = false;
    qint64 m_streamedBytes = 0; // of this attempt
    bool m_cancelled = false;
    bool m_finished = false;
};

ApiClient::ApiClient(QNetworkAccessManager &network, CircuitBreakerRegistry &breakers, Clock &clock, QObject *parent)
    : QObject(parent), m_network(network), m_breakers(breakers), m_clock(clock), m_rateLimits(clock), m_random([] {
          return QRandomGenerator::global()->generateDouble();
      })
{}

ApiClient::~ApiClient() = default;

QFuture<Result<ApiResponse>> ApiClient::send(const ApiRequest &request)
{
    return m_coalescer.join(RequestCoalescer::keyFor(request), [this, request] { return startCall(request); });
}

QFuture<Result<ApiResponse>> ApiClient::startCall(const ApiRequest &request)
{
    auto *call = new Call(*this, request);
    QFuture<Result<ApiResponse>> future = call->future();
    call->start();
    return future;
}

} // namespace huntaze
