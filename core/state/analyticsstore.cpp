#include "analyticsstore.h"

#include "common/async.h"
#include "common/freedmemory.h"
#include "state/userstore.h"

#include <QThreadPool>
#include <QTimeZone>

namespace huntaze {

AnalyticsStore::AnalyticsStore(Backend &backend, UserStore &users, Clock &clock, QObject *parent)
    : QObject(parent), m_backend(backend), m_users(users), m_clock(clock)
{
    applyPreset();
    connect(&m_users, &UserStore::userChanged, this, [this] {
        const std::optional<std::pair<qint64, qint64>> owner
            = m_users.isSignedIn() ? std::optional(std::pair(m_users.user()->id, m_users.user()->creatorId)) : std::nullopt;
        if (owner == m_owner)
            return;
        m_owner = owner;
        ++m_newest; // what the previous account or creator still has in flight is dropped
        m_dashboard.reset();
        Q_EMIT dashboardChanged();
        setError({});
        // Presets follow the creator's calendar: their today may differ from the last one's.
        if (m_preset != Preset::Custom)
            applyPreset();
        reload();
    });
    // Another desktop's import reached this one: the figures shown are worked out again.
    connect(&m_backend, &Backend::analyticsChanged, this, [this] {
        if (m_dashboard)
            reload();
    });
}

bool AnalyticsStore::isAvailable() const
{
    return m_users.user() && m_users.user()->may(agency::Permission::ViewEarnings);
}

QTimeZone AnalyticsStore::zone() const
{
    return m_users.user() ? m_users.user()->profile.zone() : QTimeZone::utc();
}

QDate AnalyticsStore::today() const
{
    return m_clock.now().toTimeZone(zone()).date();
}

analytics::DateRange AnalyticsStore::presetRange(Preset preset, const QDate &today)
{
    switch (preset) {
    case Preset::Last7Days: return analytics::DateRange::lastDays(today, 7);
    case Preset::Last30Days: return analytics::DateRange::lastDays(today, 30);
    case Preset::Last90Days: return analytics::DateRange::lastDays(today, 90);
    case Preset::LastYear: return {today.addYears(-1).addDays(1), today};
    case Preset::AllTime:
    case Preset::Custom: break;
    }
    return {today, today};
}

void AnalyticsStore::applyPreset()
{
    m_request.sinceFirstEarning = m_preset == Preset::AllTime;
    if (m_preset != Preset::Custom)
        m_request.range = presetRange(m_preset, today());
}

void AnalyticsStore::setPreset(Preset preset)
{
    m_preset = preset;
    applyPreset();
    Q_EMIT requestChanged();
    reload();
}

void AnalyticsStore::setRange(const QDate &from, const QDate &to)
{
    m_preset = Preset::Custom;
    m_request.sinceFirstEarning = false;
    m_request.range = {std::min(from, to), std::max(from, to)};
    Q_EMIT requestChanged();
    reload();
}

void AnalyticsStore::setGranularity(analytics::Granularity granularity)
{
    if (m_request.granularity == granularity)
        return;
    m_request.granularity = granularity;
    Q_EMIT requestChanged();
    reload();
}

void AnalyticsStore::setAmount(analytics::Amount amount)
{
    if (m_request.amount == amount)
        return;
    m_request.amount = amount;
    Q_EMIT requestChanged();
    reload();
}

void AnalyticsStore::reload()
{
    if (!m_users.isSignedIn() || !isAvailable())
        return;
    if (m_loading++ == 0)
        Q_EMIT isLoadingChanged(true);
    const quint64 ticket = ++m_newest;
    onFinished(m_backend.dashboard(m_request), this, [this, ticket](const Result<analytics::Dashboard> &loaded) {
        if (ticket == m_newest) {
            if (loaded.ok()) {
                m_dashboard = loaded.value();
                setError({});
                Q_EMIT dashboardChanged();
            } else {
                setError(loaded.error().message);
            }
        }
        if (--m_loading == 0) {
            Q_EMIT isLoadingChanged(false);
            if (m_importedSinceTrim)
                returnImportsMemory();
        }
    });
}

void AnalyticsStore::returnImportsMemory()
{
    m_importedSinceTrim = false;
    QThreadPool::globalInstance()->start(&returnFreedMemory);
}

QFuture<Result<int>> AnalyticsStore::importEarnings(const QList<analytics::EarningEvent> &events)
{
    return reloadingAfter(m_backend.importEarnings(events));
}

QFuture<Result<int>> AnalyticsStore::importMessages(const QList<analytics::MessageEvent> &messages)
{
    return reloadingAfter(m_backend.importMessages(messages));
}

QFuture<Result<int>> AnalyticsStore::importEngagement(const QList<analytics::PostEngagement> &lines)
{
    return reloadingAfter(m_backend.importEngagement(lines));
}

QFuture<Result<int>> AnalyticsStore::reloadingAfter(QFuture<Result<int>> importing)
{
    onFinished(importing, this, [this](const Result<int> &imported) {
        // Once the dashboard has loaded again: by then no thread holds the import's lines.
        m_importedSinceTrim = true;
        if (imported.ok())
            reload();
        if (m_loading == 0)
            returnImportsMemory();
    });
    return importing;
}

void AnalyticsStore::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged(message);
}

} // namespace huntaze
