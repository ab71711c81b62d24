#pragma once

#include "common/result.h"
#include "domain/rules.h"
#include "server/ratelimiter.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <atomic>
#include <memory>
#include <optional>

namespace huntaze::server {

class ResponseStream;

// One HTTP request as the route handlers see it: copied out of Qt's parser
// (which reuses its request object for the next request on the connection),
// so a handler may keep it across asynchronous steps.
struct HttpRequest {
    QByteArray method; // "GET", "POST", ...
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress; // the peer: a proxy, behind one
    QHostAddress clientAddress; // who asked: the peer, or what a trusted proxy says (X-Forwarded-For)
    QString requestId; // also sent back as X-Request-Id and written to the log
    QHash<QString, QString> pathParameters; // {name} segments of the matched route
    QString route; // the matched route's pattern, "/api/agency/members/{userId}", for the log
    bool publicRoute = false; // the matched route needs no session
    // Who the request acted as, once known (ServerContext::forMember), for
    // the log; shared, so the handler's copy reaches the connection's.
    struct Actor {
        std::atomic<qint64> agencyId = 0;
        std::atomic<qint64> userId = 0;
        // The budget the request spent (set before its answer is made, read
        // after): the answer carries its RateLimit fields.
        std::optional<RateDecision> rate;
        QString route; // the matched pattern, for the connection's log and metrics (the router's copy has it too)
        // An Idempotency-Key this request took (its answer is to be stored for
        // retries), or the answer an earlier request with it got (to send again).
        struct Idempotency {
            qint64 agencyId = 0;
            QString caller;
            QString key;
        };
        std::optional<Idempotency> idempotency;
        struct Replay {
            int status = 0;
            QByteArray contentType;
            QByteArray body;
        };
        std::optional<Replay> replay;
    };
    std::shared_ptr<Actor> actor = std::make_shared<Actor>();

    // Case-insensitive, as HTTP headers are; empty when absent.
    QByteArray header(const QByteArray &name) const;
    // A write (POST, PUT, PATCH, DELETE) carrying an Idempotency-Key header.
    bool isIdempotentWrite() const;
    // Any method but GET, HEAD and OPTIONS: it may change something.
    bool isWrite() const;
    // The token of "Authorization: Bearer <token>"; empty when there is none.
    QString bearerToken() const;
    // The body as a JSON object: an empty body is an empty object; anything
    // else that is not a JSON object is a validation error with its position.
    Result<QJsonObject> jsonObject() const;
};

// What a handler answers. Errors carry a JSON object that the server
// completes with the request id before sending.
struct HttpResponse {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QJsonObject json; // used when `body` is empty and status != 204
    QList<QPair<QByteArray, QByteArray>> headers;
    QString logDetail; // why it failed, for the server's log only
    // An answer that goes on (server-sent events): `body` is its start, the
    // stream says the rest; the connection ends with it.
    std::shared_ptr<ResponseStream> stream;

    static HttpResponse ofJson(const QJsonObject &json, int status = 200);
    static HttpResponse noContent();
    // {"error": {"code", "message", "field"?, "position"?}}
    static HttpResponse error(int status, const QString &code, const QString &message, const QString &field = {}, int position = -1);
    // An Error from core, mapped to a status and a message fit for a remote
    // client: internal details never leave the server (they go to the log).
    static HttpResponse fromError(const Error &error);

    QByteArray serializedBody(const QString &requestId) const;

private:
    static HttpResponse fromErrorWithoutDetail(const Error &error);
};

} // namespace huntaze::server
