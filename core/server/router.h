#pragma once

#include "server/httpmessage.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <functional>

namespace huntaze::server {

// Maps method + path to a handler. Patterns are literal segments and
// "{name}" placeholders (one segment each): "/api/preferences/{key}".
// An unknown path is 404; a known path with another method is 405 with Allow.
class Router
{
public:
    using Handler = std::function<QFuture<HttpResponse>(const HttpRequest &request)>;

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // Fills request.pathParameters and calls the handler, or answers 404/405.
    QFuture<HttpResponse> dispatch(HttpRequest request) const;

private:
    struct Route {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    static bool matches(const Route &route, const QStringList &segments, QHash<QString, QString> *parameters);

    QList<Route> m_routes;
};

} // namespace huntaze::server
