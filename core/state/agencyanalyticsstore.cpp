#include "agencyanalyticsstore.h"

#include "common/async.h"
#include "state/userstore.h"

namespace huntaze {

AgencyAnalyticsStore::AgencyAnalyticsStore(Backend &backend, UserStore &users, Clock &clock, QObject *parent)
    : QObject(parent), m_backend(backend), m_users(users), m_clock(clock)
{
    m_request.range = AnalyticsStore::presetRange(m_preset, today());
    connect(&m_users, &UserStore::userChanged, this, &AgencyAnalyticsStore::followAccount);
}

bool AgencyAnalyticsStore::isAvailable() const
{
    const std::optional<User> &user = m_users.user();
    return user && (user->may(agency::Permission::ViewEarnings) || user->may(agency::Permission::WriteFanMessages));
}

QDate AgencyAnalyticsStore::today() const
{
    return m_clock.now().toLocalTime().date();
}

void AgencyAnalyticsStore::followAccount()
{
    std::optional<std::tuple<qint64, QStringList, QList<qint64>>> account;
    if (const std::optional<User> &user = m_users.user()) {
        QList<qint64> creators;
        for (const Creator &creator : user->creators)
            creators.append(creator.id);
        account = std::tuple(user->id, user->permissions, creators);
    }
    // Choosing another creator in the switcher changes none of this.
    if (account == m_account)
        return;
    m_account = account;
    // Loaded only once asked (the page's first showing): a sign-in costs no agency-wide read.
    const bool asked = m_analytics.has_value() || m_loading > 0;
    ++m_newest; // what the previous account still has in flight is dropped
    m_analytics.reset();
    Q_EMIT analyticsChanged();
    setError({});
    if (asked)
        reload();
}

void AgencyAnalyticsStore::setPreset(Preset preset)
{
    if (preset == Preset::AllTime)
        return;
    m_preset = preset;
    if (preset != Preset::Custom)
        m_request.range = AnalyticsStore::presetRange(preset, today());
    Q_EMIT requestChanged();
    reload();
}

void AgencyAnalyticsStore::setRange(const QDate &from, const QDate &to)
{
    m_preset = Preset::Custom;
    m_request.range = {std::min(from, to), std::max(from, to)};
    Q_EMIT requestChanged();
    reload();
}

void AgencyAnalyticsStore::setAmount(analytics::Amount amount)
{
    if (m_request.amount == amount)
        return;
    m_request.amount = amount;
    Q_EMIT requestChanged();
    reload();
}

void AgencyAnalyticsStore::reload()
{
    if (!isAvailable())
        return;
    if (m_preset != Preset::Custom)
        m_request.range = AnalyticsStore::presetRange(m_preset, today()); // a page left open overnight moves on
    if (m_loading++ == 0)
        Q_EMIT isLoadingChanged(true);
    const quint64 ticket = ++m_newest;
    onFinished(m_backend.agencyAnalytics(m_request), this, [this, ticket](const Result<analytics::AgencyAnalytics> &loaded) {
        if (ticket == m_newest) {
            if (loaded.ok()) {
                m_analytics = loaded.value();
                setError({});
                Q_EMIT analyticsChanged();
            } else {
                setError(loaded.error().message);
            }
        }
        if (--m_loading == 0)
            Q_EMIT isLoadingChanged(false);
    });
}

bool AgencyAnalyticsStore::mayChooseAttribution() const
{
    return m_users.user() && m_users.user()->may(agency::Permission::ManageMembers);
}

QFuture<Result<void>> AgencyAnalyticsStore::setAttribution(analytics::Attribution rule)
{
    QFuture<Result<void>> saving = m_backend.setSalesAttribution(rule);
    onFinished(saving, this, [this](const Result<void> &saved) {
        if (saved.ok())
            reload();
        else
            setError(saved.error().message);
    });
    return saving;
}

void AgencyAnalyticsStore::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged(message);
}

} // namespace huntaze
