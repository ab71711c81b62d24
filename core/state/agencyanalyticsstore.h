#pragma once

#include "analytics/agencyanalytics.h"
#include "backend/backend.h"
#include "net/clock.h"
#include "state/analyticsstore.h"

#include <QObject>

#include <optional>

namespace huntaze {

class UserStore;

// The agency's creators and team side by side (issue 12), as the Performance
// page shows them: the range and gross/net asked for, and the answer. Owners
// and admins get every creator they may see with the money; a chatter gets
// their own messages. Loads off the UI thread; an answer for an older request
// or another account is dropped. Nothing loads before the first reload() (the
// page's first showing); after it, a change of account reloads. Every preset
// but "all time" (the agency view needs a range: its creators started on
// different days).
class AgencyAnalyticsStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool isLoading READ isLoading NOTIFY isLoadingChanged)

public:
    using Preset = AnalyticsStore::Preset;

    AgencyAnalyticsStore(Backend &backend, UserStore &users, Clock &clock = Clock::system(), QObject *parent = nullptr);

    // Whether the member's role sees the agency's money or writes to fans: without either there is nothing to load.
    bool isAvailable() const;
    const analytics::DashboardRequest &request() const { return m_request; }
    Preset preset() const { return m_preset; }
    // The last answer for the current request and account; none before the first.
    const std::optional<analytics::AgencyAnalytics> &analytics() const { return m_analytics; }
    bool isLoading() const { return m_loading > 0; }
    QString errorMessage() const { return m_error; }

    // Today on this computer (by the clock): what presets end with.
    QDate today() const;
    // Any preset but AllTime, which is ignored.
    void setPreset(Preset preset);
    void setRange(const QDate &from, const QDate &to);
    void setAmount(analytics::Amount amount);
    void reload();
    // Whether the member may choose how the agency credits its team with sales (owners and admins).
    bool mayChooseAttribution() const;
    // Saves the agency's rule; the figures reload after.
    QFuture<Result<void>> setAttribution(analytics::Attribution rule);

Q_SIGNALS:
    void requestChanged();
    void analyticsChanged();
    void isLoadingChanged(bool loading);
    void errorChanged(const QString &message);

private:
    void followAccount();
    void setError(const QString &message);

    Backend &m_backend;
    UserStore &m_users;
    Clock &m_clock;
    analytics::DashboardRequest m_request;
    Preset m_preset = Preset::Last30Days;
    std::optional<analytics::AgencyAnalytics> m_analytics;
    QString m_error;
    int m_loading = 0;
    quint64 m_newest = 0; // the ticket of the newest load asked
    // The login, their role's reach and the creators they may see: what the answer depends on.
    std::optional<std::tuple<qint64, QStringList, QList<qint64>>> m_account;
};

} // namespace huntaze
