#pragma once

#include "ai/restrictedwords.h"
#include "backend/backend.h"
#include "common/result.h"
#include "domain/draft.h"
#include "domain/fan.h"
#include "domain/money.h"

#include <QFuture>
#include <QObject>

#include <array>
#include <functional>
#include <optional>

namespace huntaze {

class UserStore;

// The signed-in creator's fans, offers and drafts as the pages see them.
// Loads when someone signs in, empties on sign-out, and reloads after imports.
class CreatorDataStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool isLoading READ isLoading NOTIFY isLoadingChanged)

public:
    CreatorDataStore(Backend &backend, UserStore &users, QObject *parent = nullptr);

    const QList<Fan> &fans() const { return m_fans; }
    const QList<Offer> &offers() const { return m_offers; }
    // The drafts of every creator the member may see, the last changed first.
    const QList<Draft> &drafts() const { return m_drafts; }
    // How the last draftsChanged changed the list: a draft saved here moved
    // (from `from`, -1: new) to the top, or one removed at `from`, or all of
    // it anew. A view keeps what it derived from the other rows.
    struct DraftsChange {
        enum class Kind { Whole, SavedFirst, Removed };
        Kind kind = Kind::Whole;
        int from = -1;
    };
    const DraftsChange &lastDraftsChange() const { return m_draftsChange; }
    // The open conflicts of draft `draftId` (issue 13: edits kept beside it), the oldest first.
    QList<DraftConflict> conflictsOf(const QString &draftId) const;
    // Keeps `chosen` as the draft and closes the conflict; the lists reload.
    QFuture<Result<Draft>> resolveConflict(const QString &conflictId, const Draft &chosen);
    const QList<Post> &posts() const { return m_posts; }
    QFuture<Result<int>> importPosts(const QList<Post> &posts);
    // The creator's restricted words: the platform defaults until they edit them.
    const RestrictedWords &restrictedWords() const { return m_restricted; }
    QFuture<Result<void>> saveRestrictedWords(const RestrictedWords &words);
    // The account's currency (ISO code, money.h): how its amounts are written.
    const QString &currency() const { return m_currency; }
    // Whether the member's role sees earnings: what fans spent, offers and prices.
    bool seesEarnings() const;
    // Whether the member's role allows `permission` (imports, exports, drafts).
    bool may(agency::Permission permission) const;
    QFuture<Result<void>> saveCurrency(const QString &currency);
    bool isLoading() const { return m_pending > 0; }

    void reload();
    // The drafts only (another device's arrived).
    void reloadDrafts();
    // Fans, offers, posts and preferences again (another member's, through a sync).
    void reloadCreatorData();
    // All or nothing; the lists reload afterwards. The future gives the count imported.
    QFuture<Result<int>> importFans(const QList<Fan> &fans);
    QFuture<Result<int>> importOffers(const QList<Offer> &offers);
    // Adds the demo fans, offers and posts, and for roles that see earnings a
    // year of earnings (see demodata.h); earningsChanged() then.
    QFuture<Result<int>> addDemoData();
    // Whether the demo agency (importing/demoagency.h) can be made: on this
    // computer, for an owner whose agency has one creator.
    bool offersDemoAgency() const;
    // Makes it; the member's creators, the lists and the earnings reload afterwards.
    QFuture<Result<int>> addDemoAgency();
    QFuture<Result<Draft>> saveDraft(const Draft &draft);
    QFuture<Result<void>> deleteDraft(qint64 creatorId, const QString &id);
    // Tells the audit log what was done with the creator's words on this
    // computer (copied to be sent, exported). Best effort: a failure is logged.
    void recordClientEvent(const ClientEvent &event);

Q_SIGNALS:
    void fansChanged();
    void offersChanged();
    void draftsChanged();
    // The open conflicts changed (conflictsOf); the drafts themselves did not.
    void conflictsChanged();
    void postsChanged();
    void restrictedWordsChanged();
    void currencyChanged();
    // Earnings were added here (demo data): the analytics should load again.
    void earningsChanged();
    void isLoadingChanged(bool loading);
    void loadFailed(const QString &message);

private:
    enum List { FansList, OffersList, DraftsList, ConflictsList, PostsList, RestrictedList, CurrencyList, ListCount };
    // Applies the answer only if it is still the one wanted: from the account
    // signed in now (not one that signed out while it loaded), and the newest
    // load of that list (a remote backend's answers may come out of order).
    template <typename T, typename Apply> void load(List list, QFuture<Result<T>> loading, Apply apply);
    void clear();
    QFuture<Result<int>> reloadAfter(QFuture<Result<int>> importing);
    // Saves a creator preference; `apply` updates the store once it is saved (for the same account).
    QFuture<Result<void>> savePreference(const QString &key, const QJsonValue &value, std::function<void()> apply);

    Backend &m_backend;
    UserStore &m_users;
    QList<Fan> m_fans;
    QList<Offer> m_offers;
    QList<Draft> m_drafts;
    DraftsChange m_draftsChange;
    QList<DraftConflict> m_conflicts;
    QList<Post> m_posts;
    RestrictedWords m_restricted = RestrictedWords::platformDefaults();
    QString m_currency = QString::fromLatin1(money::defaultCurrency);
    int m_pending = 0;
    quint64 m_account = 0; // changes whenever another account, creator (or none) is selected
    std::optional<std::pair<qint64, qint64>> m_owner; // login and creator
    quint64 m_lastTicket = 0;
    std::array<quint64, ListCount> m_newest{}; // per list, the ticket of the newest load asked
};

} // namespace huntaze
