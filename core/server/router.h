#pragma once

#include "server/httpmessage.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace huntaze::server {

// Maps method + path to a handler. Patterns are literal segments and
// "{name}" placeholders (one segment each): "/api/preferences/{key}".
// An unknown path is 404; a known path with another method is 405 with Allow.
class Router
{
public:
    using Handler = std::function<QFuture<HttpResponse>(const HttpRequest &request)>;

    // A route for signed-in callers: a request without a bearer token is
    // answered 401 before its handler (and its body checks) run.
    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // A route anyone may call (health, sign-up, sign-in).
    void addPublic(const QByteArray &method, const QString &pattern, Handler handler);
    // Asked before any matched handler runs; an answer given replaces the handler's.
    void setGate(std::function<std::optional<HttpResponse>(const HttpRequest &)> gate) { m_gate = std::move(gate); }
    // Given each matched handler's answer on its way out, when set: may
    // replace it, or hold it while something is done first.
    using Finisher = std::function<QFuture<HttpResponse>(const HttpRequest &, QFuture<HttpResponse>)>;
    void setFinisher(Finisher finisher) { m_finisher = std::move(finisher); }
    // Fills request.pathParameters and calls the handler, or answers 404/405.
    QFuture<HttpResponse> dispatch(HttpRequest request) const;

    // What is routed, in the order added (docs/openapi.yaml must list the same).
    struct Entry {
        QByteArray method;
        QString pattern;
        bool isPublic = false;
    };
    QList<Entry> entries() const;

private:
    struct Route {
        QByteArray method;
        QStringList segments;
        Handler handler;
        bool isPublic = false;
    };
    static bool matches(const Route &route, const QStringList &segments, QHash<QString, QString> *parameters);

    QList<Route> m_routes;
    std::function<std::optional<HttpResponse>(const HttpRequest &)> m_gate;
    Finisher m_finisher;
};

} // namespace huntaze::server
