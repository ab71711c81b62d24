#include "keptanalytics.h"

#include "storage/sqlworker.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze::sync {

namespace {

QString viewId(AnalyticsView view)
{
    return view == AnalyticsView::Agency ? QStringLiteral("agency") : QStringLiteral("dashboard");
}

QString requestKey(const analytics::DashboardRequest &request)
{
    return request.toQuery().toString(QUrl::FullyEncoded);
}

// The request less its dates.
QString shapeOf(const analytics::DashboardRequest &request)
{
    analytics::DashboardRequest shape = request;
    if (request.sinceFirstEarning) {
        shape.range = {};
        return QStringLiteral("all&") + requestKey(shape);
    }
    const qint64 days = request.range.days();
    shape.range = {};
    return QStringLiteral("days=%1&").arg(days) + requestKey(shape);
}

} // namespace

Result<void> KeptAnalytics::keep(AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request,
                                 const QJsonObject &answer, const QDateTime &answeredAt)
{
    QSqlQuery keep(m_db);
    keep.prepare(
        QStringLiteral("INSERT INTO kept_analytics (view, creator_id, request, shape, answer, answered_at) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (view, creator_id, request) DO UPDATE SET answer = excluded.answer, "
                       "answered_at = excluded.answered_at"));
    keep.addBindValue(viewId(view));
    keep.addBindValue(creatorId);
    keep.addBindValue(requestKey(request));
    keep.addBindValue(shapeOf(request));
    keep.addBindValue(sqlJson(answer));
    keep.addBindValue(sqlTimestamp(answeredAt));
    if (!keep.exec())
        return storageError(QStringLiteral("keep analytics"), keep.lastError());
    QSqlQuery trim(m_db);
    trim.prepare(QStringLiteral("DELETE FROM kept_analytics WHERE view = ? AND creator_id = ? AND request NOT IN "
                                "(SELECT request FROM kept_analytics WHERE view = ? AND creator_id = ? "
                                "ORDER BY answered_at DESC, request LIMIT ?)"));
    for (int round = 0; round < 2; ++round) {
        trim.addBindValue(viewId(view));
        trim.addBindValue(creatorId);
    }
    trim.addBindValue(keptPerCreator);
    if (!trim.exec())
        return storageError(QStringLiteral("trim kept analytics"), trim.lastError());
    return Result<void>::success();
}

Result<std::optional<KeptAnswer>> KeptAnalytics::find(AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request)
{
    QSqlQuery find(m_db);
    // The exact request first, then the latest of its shape.
    find.prepare(QStringLiteral("SELECT answer, answered_at FROM kept_analytics WHERE view = ? AND creator_id = ? AND shape = ? "
                                "ORDER BY request = ? DESC, answered_at DESC LIMIT 1"));
    find.addBindValue(viewId(view));
    find.addBindValue(creatorId);
    find.addBindValue(shapeOf(request));
    find.addBindValue(requestKey(request));
    if (!find.exec())
        return storageError(QStringLiteral("read kept analytics"), find.lastError());
    if (!find.next())
        return std::optional<KeptAnswer>();
    return std::optional<KeptAnswer>(
        KeptAnswer{QJsonDocument::fromJson(find.value(0).toString().toUtf8()).object(), dateTimeFromSql(find.value(1))});
}

Result<void> KeptAnalytics::forgetLostCreators()
{
    QSqlQuery forget(m_db);
    if (!forget.exec(QStringLiteral("DELETE FROM kept_analytics WHERE creator_id = 0 OR creator_id NOT IN (SELECT id FROM creators)")))
        return storageError(QStringLiteral("forget kept analytics"), forget.lastError());
    return Result<void>::success();
}

Result<void> KeptAnalytics::forgetAll()
{
    QSqlQuery forget(m_db);
    if (!forget.exec(QStringLiteral("DELETE FROM kept_analytics")))
        return storageError(QStringLiteral("forget kept analytics"), forget.lastError());
    return Result<void>::success();
}

} // namespace huntaze::sync
