#include "creatordatastore.h"

#include "logging/logging.h"

#include "common/async.h"
#include "importing/demodata.h"
#include "state/userstore.h"

#include <QPromise>
#include <QTimeZone>

#include <memory>

namespace huntaze {

namespace {
const QString restrictedWordsKey = QStringLiteral("restrictedWords");
const QString currencyKey = QStringLiteral("currency");
} // namespace

CreatorDataStore::CreatorDataStore(Backend &backend, UserStore &users, QObject *parent)
    : QObject(parent), m_backend(backend), m_users(users)
{
    connect(&m_users, &UserStore::userChanged, this, [this] {
        const std::optional<std::pair<qint64, qint64>> owner
            = m_users.isSignedIn() ? std::optional(std::pair(m_users.user()->id, m_users.user()->creatorId)) : std::nullopt;
        if (owner != m_owner) {
            const bool anotherCreator = m_owner && owner;
            m_owner = owner;
            ++m_account; // whatever the previous account or creator still has in flight is dropped
            if (anotherCreator)
                clear(); // never one creator's rows under another's name
        }
        if (m_users.isSignedIn())
            reload();
        else
            clear();
    });
    // Another device's drafts arrived through a sync.
    connect(&m_backend, &Backend::draftsChanged, this, &CreatorDataStore::reloadDrafts);
    // Another member's import or preference arrived through a sync.
    connect(&m_backend, &Backend::creatorDataChanged, this, [this] {
        if (m_users.isSignedIn())
            reloadCreatorData();
    });
}

void CreatorDataStore::reloadDrafts()
{
    if (!may(agency::Permission::ManageDrafts))
        return;
    load(DraftsList, m_backend.visibleDrafts(), [this](const QList<Draft> &drafts) {
        m_drafts = drafts;
        m_draftsChange = {};
        Q_EMIT draftsChanged();
    });
    load(ConflictsList, m_backend.draftConflicts(), [this](const QList<DraftConflict> &conflicts) {
        m_conflicts = conflicts;
        Q_EMIT conflictsChanged();
    });
}

QList<DraftConflict> CreatorDataStore::conflictsOf(const QString &draftId) const
{
    QList<DraftConflict> open;
    for (const DraftConflict &conflict : m_conflicts) {
        if (conflict.draftId == draftId)
            open.append(conflict);
    }
    return open;
}

QFuture<Result<Draft>> CreatorDataStore::resolveConflict(const QString &conflictId, const Draft &chosen)
{
    QFuture<Result<Draft>> resolving = m_backend.resolveDraftConflict(conflictId, chosen);
    onFinished(resolving, this, [this, account = m_account](const Result<Draft> &resolved) {
        if (resolved.ok() && account == m_account)
            reloadDrafts();
    });
    return resolving;
}

template <typename T, typename Apply> void CreatorDataStore::load(List list, QFuture<Result<T>> loading, Apply apply)
{
    if (m_pending++ == 0)
        Q_EMIT isLoadingChanged(true);
    const quint64 ticket = ++m_lastTicket;
    m_newest[list] = ticket;
    onFinished(loading, this, [this, apply, list, ticket, account = m_account](const Result<T> &loaded) {
        const bool wanted = account == m_account && ticket == m_newest[list];
        if (wanted && loaded.ok())
            apply(loaded.value());
        else if (wanted)
            Q_EMIT loadFailed(loaded.error().message);
        if (--m_pending == 0)
            Q_EMIT isLoadingChanged(false);
    });
}

void CreatorDataStore::reload()
{
    reloadCreatorData();
    reloadDrafts();
}

void CreatorDataStore::reloadCreatorData()
{
    // Only what the member's role may read: a chatter has no earnings to load.
    const auto may = [this](agency::Permission permission) { return m_users.user() && m_users.user()->may(permission); };
    if (may(agency::Permission::ViewFans)) {
        load(FansList, m_backend.fans(), [this](const QList<Fan> &fans) {
            m_fans = fans;
            Q_EMIT fansChanged();
        });
    }
    if (may(agency::Permission::ViewEarnings)) {
        load(OffersList, m_backend.offers(), [this](const QList<Offer> &offers) {
            m_offers = offers;
            Q_EMIT offersChanged();
        });
    }
    if (may(agency::Permission::ViewDashboard) || may(agency::Permission::UseCaptions) || may(agency::Permission::UseIdeas)) {
        load(PostsList, m_backend.posts(), [this](const QList<Post> &posts) {
            m_posts = posts;
            Q_EMIT postsChanged();
        });
    }
    load(RestrictedList, m_backend.creatorPreference(restrictedWordsKey), [this](const QJsonValue &saved) {
        m_restricted = saved.isArray() ? RestrictedWords::fromJson(saved.toArray()) : RestrictedWords::platformDefaults();
        Q_EMIT restrictedWordsChanged();
    });
    load(CurrencyList, m_backend.creatorPreference(currencyKey), [this](const QJsonValue &saved) {
        const QString currency = money::isCurrency(saved.toString()) ? saved.toString() : QString::fromLatin1(money::defaultCurrency);
        if (currency != m_currency) {
            m_currency = currency;
            Q_EMIT currencyChanged();
        }
    });
}

bool CreatorDataStore::seesEarnings() const
{
    return may(agency::Permission::ViewEarnings);
}

bool CreatorDataStore::may(agency::Permission permission) const
{
    return m_users.user() && m_users.user()->may(permission);
}

void CreatorDataStore::clear()
{
    m_newest.fill(0); // loads still in flight are no longer wanted
    m_fans.clear();
    m_offers.clear();
    m_drafts.clear();
    m_draftsChange = {};
    m_conflicts.clear();
    m_posts.clear();
    m_restricted = RestrictedWords::platformDefaults();
    if (m_currency != QLatin1String(money::defaultCurrency)) {
        m_currency = QString::fromLatin1(money::defaultCurrency);
        Q_EMIT currencyChanged();
    }
    Q_EMIT fansChanged();
    Q_EMIT offersChanged();
    Q_EMIT draftsChanged();
    Q_EMIT conflictsChanged();
    Q_EMIT postsChanged();
    Q_EMIT restrictedWordsChanged();
}

QFuture<Result<int>> CreatorDataStore::importPosts(const QList<Post> &posts)
{
    return reloadAfter(m_backend.importPosts(posts));
}

QFuture<Result<int>> CreatorDataStore::reloadAfter(QFuture<Result<int>> importing)
{
    onFinished(importing, this, [this](const Result<int> &imported) {
        if (imported.ok())
            reload();
    });
    return importing;
}

QFuture<Result<void>> CreatorDataStore::savePreference(const QString &key, const QJsonValue &value, std::function<void()> apply)
{
    QFuture<Result<void>> saving = m_backend.setCreatorPreference(key, value);
    onFinished(saving, this, [this, apply = std::move(apply), account = m_account](const Result<void> &saved) {
        if (saved.ok() && account == m_account) // saved for whoever asked, not for who is signed in now
            apply();
    });
    return saving;
}

QFuture<Result<void>> CreatorDataStore::saveRestrictedWords(const RestrictedWords &words)
{
    return savePreference(restrictedWordsKey, words.toJson(), [this, words] {
        m_restricted = words;
        Q_EMIT restrictedWordsChanged();
    });
}

QFuture<Result<void>> CreatorDataStore::saveCurrency(const QString &currency)
{
    if (!money::isCurrency(currency))
        return readyFuture<void>(Error::validation(QStringLiteral("currency"), tr("Choose one of the listed currencies.")));
    return savePreference(currencyKey, currency, [this, currency] {
        if (currency == m_currency)
            return;
        m_currency = currency;
        Q_EMIT currencyChanged();
    });
}

QFuture<Result<int>> CreatorDataStore::importFans(const QList<Fan> &fans)
{
    return reloadAfter(m_backend.importFans(fans));
}

QFuture<Result<int>> CreatorDataStore::importOffers(const QList<Offer> &offers)
{
    return reloadAfter(m_backend.importOffers(offers));
}

QFuture<Result<int>> CreatorDataStore::addDemoData()
{
    auto promise = std::make_shared<QPromise<Result<int>>>();
    promise->start();
    onFinished(m_backend.importFans(demodata::fans()), this, [this, promise](const Result<int> &fans) {
        if (!fans.ok()) {
            promise->addResult(fans);
            promise->finish();
            return;
        }
        onFinished(m_backend.importOffers(demodata::offers()), this, [this, promise, fanCount = fans.value()](const Result<int> &offers) {
            if (!offers.ok()) {
                promise->addResult(offers);
                promise->finish();
                return;
            }
            onFinished(m_backend.importPosts(demodata::posts()), this,
                       [this, promise, count = fanCount + offers.value()](const Result<int> &posts) {
                           if (!posts.ok() || !seesEarnings()) {
                               promise->addResult(posts.ok() ? Result<int>(count + posts.value()) : posts);
                               promise->finish();
                               reload();
                               return;
                           }
                           // A year of earnings for the Dashboard, ending today in the creator's time zone.
                           const QTimeZone zone = m_users.user()->profile.zone();
                           const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
                           const QList<analytics::EarningEvent> year = demodata::earnings(today, zone, m_currency);
                           onFinished(m_backend.importEarnings(year), this,
                                      [this, promise, count = count + posts.value(), today, zone, year](const Result<int> &earnings) {
                                          if (!earnings.ok()) {
                                              promise->addResult(earnings);
                                              promise->finish();
                                              reload();
                                              return;
                                          }
                                          // Ninety days of posts' engagement (the top posts and the best times to post),
                                          // then the conversations behind the paid messages, answered by this member.
                                          const QList<analytics::MessageEvent> log
                                              = demodata::messages(year, {m_users.user()->id}, today, zone);
                                          onFinished(m_backend.importEngagement(demodata::engagement(today, zone)), this,
                                                     [this, promise, count, log](const Result<int> &engagement) {
                                                         if (!engagement.ok()) {
                                                             promise->addResult(engagement);
                                                             promise->finish();
                                                             reload();
                                                             return;
                                                         }
                                                         onFinished(m_backend.importMessages(log), this,
                                                                    [this, promise, count](const Result<int> &messages) {
                                                                        promise->addResult(messages.ok() ? Result<int>(count) : messages);
                                                                        promise->finish();
                                                                        reload();
                                                                        Q_EMIT earningsChanged();
                                                                    });
                                                     });
                                      });
                       });
        });
    });
    return promise->future();
}

bool CreatorDataStore::offersDemoAgency() const
{
    const std::optional<User> &user = m_users.user();
    return m_backend.offersDemoAgency() && user && user->creators.size() == 1 && may(agency::Permission::ManageCreators)
        && may(agency::Permission::ManageMembers);
}

QFuture<Result<int>> CreatorDataStore::addDemoAgency()
{
    QFuture<Result<int>> adding = m_backend.addDemoAgency();
    onFinished(adding, this, [this](const Result<int> &added) {
        if (!added.ok())
            return;
        m_users.refresh(); // two more creators
        reload();
        Q_EMIT earningsChanged();
    });
    return adding;
}

void CreatorDataStore::recordClientEvent(const ClientEvent &event)
{
    onFinished(m_backend.recordClientEvent(event), this, [action = event.action](const Result<void> &recorded) {
        if (!recorded.ok())
            qCWarning(lcState).noquote() << "audit entry" << action << "not recorded:" << recorded.error().message;
    });
}

QFuture<Result<Draft>> CreatorDataStore::saveDraft(const Draft &draft)
{
    QFuture<Result<Draft>> saving = m_backend.saveDraft(draft);
    onFinished(saving, this, [this, account = m_account](const Result<Draft> &saved) {
        if (!saved.ok() || account != m_account)
            return;
        // The last changed first, as the backend lists them.
        const auto was
            = std::find_if(m_drafts.cbegin(), m_drafts.cend(), [&saved](const Draft &draft) { return draft.id == saved.value().id; });
        const int from = was == m_drafts.cend() ? -1 : static_cast<int>(was - m_drafts.cbegin());
        if (from >= 0)
            m_drafts.remove(from);
        m_drafts.prepend(saved.value());
        m_draftsChange = {DraftsChange::Kind::SavedFirst, from};
        Q_EMIT draftsChanged();
    });
    return saving;
}

QFuture<Result<void>> CreatorDataStore::deleteDraft(qint64 creatorId, const QString &id)
{
    QFuture<Result<void>> deleting = m_backend.deleteDraft(creatorId, id);
    onFinished(deleting, this, [this, id, account = m_account](const Result<void> &deleted) {
        if (!deleted.ok() || account != m_account)
            return;
        const auto was = std::find_if(m_drafts.cbegin(), m_drafts.cend(), [&id](const Draft &draft) { return draft.id == id; });
        if (was == m_drafts.cend())
            return;
        const int at = static_cast<int>(was - m_drafts.cbegin());
        m_drafts.remove(at);
        m_draftsChange = {DraftsChange::Kind::Removed, at};
        Q_EMIT draftsChanged();
    });
    return deleting;
}

} // namespace huntaze
