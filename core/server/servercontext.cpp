#include "servercontext.h"

#include <QCoreApplication>

#include <algorithm>

namespace huntaze::server {

Result<qint64> ServerContext::requestedCreator(const HttpRequest &request)
{
    if (!request.query.hasQueryItem(QStringLiteral("creator")))
        return qint64(0);
    const std::optional<qint64> id = idFrom(request.query.queryItemValue(QStringLiteral("creator")));
    if (!id)
        return Error::validation(
            QStringLiteral("creator"),
            QCoreApplication::translate("huntaze::server::ServerContext", "\"creator\" must be a creator's id (a whole number)."));
    return *id;
}

std::optional<qint64> ServerContext::idFrom(const QString &text)
{
    // 18 digits stay below 2^63; "+5", " 5" and "5.0" are not ids.
    if (text.isEmpty() || text.size() > 18
        || !std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit() && c.unicode() < 128; }))
        return std::nullopt;
    const qint64 id = text.toLongLong();
    if (id <= 0)
        return std::nullopt;
    return id;
}

} // namespace huntaze::server
