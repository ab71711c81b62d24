#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/creator.h"
#include "domain/user.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace huntaze {

// Agencies, their creators and their members in SQL (bound parameters only),
// on the connection's thread. Who may see what is decided from the
// Membership these calls load (agency/membership.h).
class AgencyRepository
{
public:
    explicit AgencyRepository(QSqlDatabase &db) : m_db(db) {}

    // Inside the caller's transaction: a new agency of one for `userId`, with
    // its first creator (`profile`) and `userId` as owner. Returns the agency id.
    Result<qint64> createAgencyOfOne(qint64 userId, const QString &name, const Profile &profile, const QString &createdAt);

    // The agency a session starts in when none is named: the oldest membership.
    // Unauthorized when the login belongs to no agency (every member removed).
    Result<qint64> defaultAgencyOf(qint64 userId);
    // Unauthorized when `userId` is not (or no longer) a member of `agencyId`.
    Result<agency::Membership> membership(qint64 agencyId, qint64 userId);
    // The membership a session acts as, in one query (every request makes it).
    // `touch`: also stamp the session as used (at most once a minute). With
    // `now`, an access token that expired by then is Unauthorized.
    Result<agency::Membership> membershipForSession(const QByteArray &tokenDigest, bool touch = false, const QDateTime &now = {});

    // PostgreSQL's row-level security reads who acts from settings local to
    // the current transaction; these set them (nothing to do on SQLite, the
    // desktop's, where one local owner sees everything). Call inside a
    // transaction. `membershipForSession` enters as the member it finds.
    Result<void> enter(const agency::Membership &member);
    // Before a membership is loaded: the login alone (its own memberships),
    // or the login inside an agency it is joining or starting.
    Result<void> enterAs(qint64 userId, qint64 agencyId, const QString &creators = {});

    // The creators `member` may see and that are not archived, oldest first.
    Result<QList<Creator>> visibleCreators(const agency::Membership &member);
    // Every member of `agencyId` by their (normalised) email: what a message
    // log's team member column is read against.
    Result<QHash<QString, qint64>> memberIdsByEmail(qint64 agencyId);
    // The creator a request names, or the member's first when it names none
    // (creatorId 0). Forbidden when the member may not see it.
    Result<agency::CreatorScope> scopeFor(const agency::Membership &member, qint64 creatorId);
    // A new creator profile in the member's agency (ManageCreators).
    Result<Creator> addCreator(const agency::Membership &member, const Profile &profile);
    // Archived creators leave every list and every member's reach; their rows stay.
    Result<void> archiveCreator(const agency::Membership &member, qint64 creatorId);
    // Deletes the owner's agency and everything in it (creators and their
    // data, members and their sessions, invitations, roles, shifts, the audit
    // log); `typedName` must be the agency's name, as a guard against a slip.
    // Logins stay: one left in no agency can join another with an invitation.
    Result<void> deleteAgency(const agency::Membership &owner, const QString &typedName);
    Result<Profile> profileOf(const agency::CreatorScope &scope);
    Result<void> updateCreatorProfile(const agency::CreatorScope &scope, const Profile &profile);

    // `user` with the agency, role and creators of `member`, acting for
    // `creatorId` when the member may see it (else their first creator).
    Result<User> describe(User user, const agency::Membership &member, qint64 creatorId = 0);
    // The same, from the creators `member` carries (member.creators, set).
    static User describeWithCreators(User user, const agency::Membership &member, qint64 creatorId = 0);
    // The user a member found with its login and creators is (AccountRepository::memberForSession).
    static User userOf(const agency::Membership &member, qint64 creatorId = 0);

private:
    bool isPostgres() const { return m_db.driverName() == QLatin1String("QPSQL"); }
    Result<qint64> insertCreator(qint64 agencyId, const Profile &profile, const QString &createdAt);
    // `assignedColumn`: where the assigned creators are, as a PostgreSQL
    // array; -1 to read them from member_creators.
    Result<agency::Membership> membershipFrom(QSqlQuery &query, int assignedColumn = -1);

    QSqlDatabase &m_db;
};

} // namespace huntaze
