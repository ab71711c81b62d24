#include "apirequest.h"

namespace huntaze {

namespace {
ApiRequest withBody(QByteArray method, const QUrl &url, const QJsonDocument &body)
{
    ApiRequest request;
    request.method = std::move(method);
    request.url = url;
    request.body = body.toJson(QJsonDocument::Compact);
    return request;
}
} // namespace

ApiRequest ApiRequest::get(const QUrl &url)
{
    ApiRequest request;
    request.url = url;
    return request;
}

ApiRequest ApiRequest::post(const QUrl &url, const QJsonDocument &body)
{
    return withBody(QByteArrayLiteral("POST"), url, body);
}

ApiRequest ApiRequest::put(const QUrl &url, const QJsonDocument &body)
{
    return withBody(QByteArrayLiteral("PUT"), url, body);
}

ApiRequest ApiRequest::patch(const QUrl &url, const QJsonDocument &body)
{
    return withBody(QByteArrayLiteral("PATCH"), url, body);
}

ApiRequest ApiRequest::del(const QUrl &url)
{
    ApiRequest request;
    request.method = QByteArrayLiteral("DELETE");
    request.url = url;
    return request;
}

bool ApiRequest::isRetrySafe() const
{
    static const QList<QByteArray> idempotent{"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    return idempotent.contains(method.toUpper()) || !idempotencyKey.isEmpty();
}

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace huntaze
