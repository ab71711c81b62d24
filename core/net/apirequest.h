#pragma once

#include "net/retrypolicy.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

namespace huntaze {

struct ApiRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // sent as application/json when not empty
    QString bearerToken;
    std::chrono::milliseconds timeout{15000}; // per attempt, whole answer included
    QString service; // circuit breaker name; the URL's host when empty
    QByteArray idempotencyKey; // makes a POST/PATCH safe to retry
    QString coalesceKey; // makes a POST share one call with identical ones
    std::optional<RetryPolicy> retry; // the client's default when empty
    // For APIs whose error bodies the caller reads (huntaze-server's
    // {"error": {code, field, ...}}): 4xx answers other than 408 and 429 come
    // back as an ApiResponse instead of an HttpStatus error.
    bool returnClientErrors = false;
    // Streaming (server-sent events, chunked answers): every chunk of the body
    // as it arrives, on the client's thread. A streamed request is never
    // coalesced, is retried only if nothing has arrived yet, and its timeout
    // counts silence rather than total time. The final response's body is empty.
    std::function<void(const QByteArray &)> onData;

    static ApiRequest get(const QUrl &url);
    static ApiRequest post(const QUrl &url, const QJsonDocument &body);
    static ApiRequest put(const QUrl &url, const QJsonDocument &body);
    static ApiRequest patch(const QUrl &url, const QJsonDocument &body);
    static ApiRequest del(const QUrl &url);

    // GET, HEAD, PUT, DELETE and OPTIONS may be repeated safely; others only with an Idempotency-Key.
    bool isRetrySafe() const;
    QString serviceName() const { return service.isEmpty() ? url.host() : service; }
};

struct ApiResponse {
    int status = 0;
    QJsonDocument json; // null when the body was empty
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
};

} // namespace huntaze
