#include "servercontext.h"

#include <QCoreApplication>

namespace huntaze::server {

Result<qint64> ServerContext::requestedCreator(const HttpRequest &request)
{
    if (!request.query.hasQueryItem(QStringLiteral("creator")))
        return qint64(0);
    const QString text = request.query.queryItemValue(QStringLiteral("creator"));
    bool ok = false;
    const qint64 id = text.size() <= 18 ? text.toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return Error::validation(
            QStringLiteral("creator"),
            QCoreApplication::translate("huntaze::server::ServerContext", "\"creator\" must be a creator's id (a whole number)."));
    return id;
}

} // namespace huntaze::server
