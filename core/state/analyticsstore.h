#pragma once

#include "analytics/dashboard.h"
#include "backend/backend.h"
#include "net/clock.h"

#include <QObject>
#include <QTimeZone>

#include <optional>

namespace huntaze {

class UserStore;

// The selected creator's dashboard as the Dashboard page shows it (issue 12):
// the range, granularity and gross/net asked for, and the answer for it.
// Loads off the UI thread (the backend's futures); an answer for an older
// request, or for an account or creator no longer selected, is dropped, so
// changing the range quickly never shows a stale chart.
class AnalyticsStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool isLoading READ isLoading NOTIFY isLoadingChanged)

public:
    enum class Preset { Last7Days, Last30Days, Last90Days, LastYear, AllTime, Custom };
    Q_ENUM(Preset)

    AnalyticsStore(Backend &backend, UserStore &users, Clock &clock = Clock::system(), QObject *parent = nullptr);

    // The days a preset covers, ending `today` (AllTime: today alone, the
    // request then says "since the first earning"; Custom: today alone).
    static analytics::DateRange presetRange(Preset preset, const QDate &today);

    // Whether the member's role sees earnings: without it there is nothing to load.
    bool isAvailable() const;
    const analytics::DashboardRequest &request() const { return m_request; }
    Preset preset() const { return m_preset; }
    // The last dashboard loaded for the current request; none before the first answer.
    const std::optional<analytics::Dashboard> &dashboard() const { return m_dashboard; }
    bool isLoading() const { return m_loading > 0; }
    QString errorMessage() const { return m_error; }

    // The selected creator's time zone (UTC until they choose one).
    QTimeZone zone() const;
    // Today in the creator's time zone (by the clock): what presets end with.
    QDate today() const;
    void setPreset(Preset preset);
    // A range of days chosen by hand, or by dragging across a chart.
    void setRange(const QDate &from, const QDate &to);
    void setGranularity(analytics::Granularity granularity);
    void setAmount(analytics::Amount amount);
    void reload();

    // Statement lines, all or none; the dashboard reloads after.
    QFuture<Result<int>> importEarnings(const QList<analytics::EarningEvent> &events);
    // Message log lines, all or none; the dashboard reloads after.
    QFuture<Result<int>> importMessages(const QList<analytics::MessageEvent> &messages);
    // Engagement export lines, all or none; the dashboard reloads after.
    QFuture<Result<int>> importEngagement(const QList<analytics::PostEngagement> &lines);

Q_SIGNALS:
    void requestChanged();
    void dashboardChanged();
    void isLoadingChanged(bool loading);
    void errorChanged(const QString &message);

private:
    void applyPreset();
    void setError(const QString &message);
    QFuture<Result<int>> reloadingAfter(QFuture<Result<int>> importing);
    // Hands what an import freed back to the system, off this thread.
    void returnImportsMemory();

    Backend &m_backend;
    UserStore &m_users;
    Clock &m_clock;
    analytics::DashboardRequest m_request;
    Preset m_preset = Preset::Last30Days;
    std::optional<analytics::Dashboard> m_dashboard;
    QString m_error;
    int m_loading = 0;
    quint64 m_newest = 0; // the ticket of the newest load asked
    bool m_importedSinceTrim = false;
    std::optional<std::pair<qint64, qint64>> m_owner; // login and creator
};

} // namespace huntaze
