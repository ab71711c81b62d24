#pragma once

#include "analytics/dashboard.h"
#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace huntaze::sync {

// Which analytics an answer is: a creator's Dashboard or the agency view.
enum class AnalyticsView { Dashboard, Agency };

struct KeptAnswer {
    QJsonObject answer; // as the server sent it
    QDateTime answeredAt;
};

// The analytics answers a replica keeps (SQLite 0030, issue 13): what the
// server last sent for the Dashboard and the Performance page, so they open
// with no network. They are the server's figures as they were: rights that
// change take them away (a creator lost, a role that reads other tables), and
// answering online always asks the server again. Synchronous: it runs on the
// replica's SQL worker.
class KeptAnalytics
{
public:
    // Per view and creator, the latest answered; the others go.
    static constexpr int keptPerCreator = 12;

    explicit KeptAnalytics(QSqlDatabase &db) : m_db(db) {}

    // `creatorId` 0: the agency view.
    Result<void> keep(AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request, const QJsonObject &answer,
                      const QDateTime &answeredAt);
    // The answer to `request`; else the latest to a request of its shape (as
    // many days, or "all", with its granularity and amount), so "the last 30
    // days" asked tomorrow finds today's; none else.
    Result<std::optional<KeptAnswer>> find(AnalyticsView view, qint64 creatorId, const analytics::DashboardRequest &request);
    // Dashboards of creators the replica no longer holds go, and every agency
    // view with them (they list those creators).
    Result<void> forgetLostCreators();
    Result<void> forgetAll();

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze::sync
