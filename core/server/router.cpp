#include "router.h"

#include "auth/accountservice.h"
#include "server/ratelimits.h"

#include <QCoreApplication>
#include <QFuture>

namespace huntaze::server {

namespace {
QStringList segmentsOf(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}
} // namespace

QList<Router::Entry> Router::entries() const
{
    QList<Entry> listed;
    for (const Route &route : m_routes)
        listed.append({route.method, QLatin1Char('/') + route.segments.join(QLatin1Char('/')), route.isPublic});
    return listed;
}

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({method, segmentsOf(pattern), std::move(handler), false});
}

void Router::addPublic(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({method, segmentsOf(pattern), std::move(handler), true});
}

bool Router::matches(const Route &route, const QStringList &segments, QHash<QString, QString> *parameters)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(u'{') && expected.endsWith(u'}'))
            found.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        else if (expected != segments.at(i))
            return false;
    }
    if (parameters)
        *parameters = std::move(found);
    return true;
}

QFuture<HttpResponse> Router::dispatch(HttpRequest request) const
{
    const QStringList segments = segmentsOf(request.path);
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        QHash<QString, QString> parameters;
        if (!matches(route, segments, &parameters))
            continue;
        if (route.method != request.method) {
            allowed.append(route.method);
            continue;
        }
        request.pathParameters = std::move(parameters);
        request.route = QLatin1Char('/') + route.segments.join(QLatin1Char('/'));
        request.publicRoute = route.isPublic;
        request.actor->route = request.route;
        if (!route.isPublic && request.bearerToken().isEmpty())
            return QtFuture::makeReadyFuture(HttpResponse::fromError(AccountService::notSignedIn()));
        auto withRateFields = [actor = request.actor](HttpResponse response) {
            if (actor->rate)
                addRateLimitFields(response, *actor->rate);
            return response;
        };
        if (m_gate) {
            if (std::optional<HttpResponse> refused = m_gate(request))
                return QtFuture::makeReadyFuture(withRateFields(std::move(*refused)));
        }
        QFuture<HttpResponse> answered = route.handler(request).then(withRateFields);
        return m_finisher ? m_finisher(request, std::move(answered)) : answered;
    }
    if (!allowed.isEmpty()) {
        HttpResponse response
            = HttpResponse::error(405, QStringLiteral("method_not_allowed"),
                                  QCoreApplication::translate("huntaze::server::Router", "%1 is not supported here; use %2.")
                                      .arg(QString::fromLatin1(request.method), QString::fromLatin1(allowed.join(", "))));
        response.headers.append({QByteArrayLiteral("Allow"), allowed.join(", ")});
        return QtFuture::makeReadyFuture(std::move(response));
    }
    return QtFuture::makeReadyFuture(
        HttpResponse::error(404, QStringLiteral("not_found"),
                            QCoreApplication::translate("huntaze::server::Router", "There is no %1 here.").arg(request.path)));
}

} // namespace huntaze::server
