#pragma once

#include "agency/membership.h"
#include "auth/passwordhasher.h"
#include "common/result.h"
#include "domain/credentials.h"
#include "domain/user.h"
#include "net/clock.h"

#include <QSqlDatabase>

#include <chrono>

#include <optional>

namespace huntaze {

// How long a session's tokens last, on whose clock. The default never
// expires and has no refresh token: the desktop's own database, where the OS
// keychain keeps the one token on the user's own computer. A server hands out
// short-lived access tokens and long-lived refresh tokens (ServerConfig).
struct SessionPolicy {
    std::chrono::seconds accessLifetime{0};
    std::chrono::seconds refreshLifetime{0};
    const Clock *clock = &Clock::system();

    bool expires() const { return accessLifetime.count() > 0; }
    QDateTime now() const { return clock->now(); }
};

// Signing up, in and out against the accounts tables: the rules both backends
// share (validation, Argon2id, timing-safe "wrong email or password", session
// tokens stored as digests). Every call runs on the connection's thread and
// may take a while: password hashing is deliberately slow.
class AccountService
{
public:
    explicit AccountService(PasswordHasher hasher) : m_hasher(hasher) {}

    struct Session {
        User user;
        QString token; // hand to the client; only its digest is stored
        // When the policy expires sessions: when `token` stops working, and
        // the token that gets a new pair until refreshExpiresAt.
        QDateTime expiresAt;
        QString refreshToken;
        QDateTime refreshExpiresAt;
    };

    // A sign-up that passed every check: the normalised email and the new profile.
    struct ValidSignUp {
        QString email;
        Profile profile;
        QString invitation; // canonical code, or empty
    };

    // Checks what can be checked without the database, so callers can answer at once.
    static Result<ValidSignUp> checkSignUp(const SignUpRequest &request);
    static Result<QString> checkSignIn(const QString &email, const QString &password); // the normalised email

    // The whole flow on one connection (the desktop: one user, one worker).
    Result<Session> signUp(QSqlDatabase &db, const SignUpRequest &request) const;
    // ErrorCode::InvalidCredentials for an unknown email and a wrong password alike.
    Result<Session> signIn(QSqlDatabase &db, const QString &email, const QString &password) const;

    // The same flows in steps, so a server can run the Argon2id step on a
    // pool of its own while its database connections serve other requests
    // (a job waiting for a hash would hold its connection).
    //   sign-up: hashPassword (hashing) -> createAccount (database)
    //   sign-in: findAccount (database) -> verifyPassword (hashing) -> openSession (database)
    struct Candidate { // who is signing in, if the email is known
        std::optional<User> user;
        QByteArray storedHash;
    };
    struct Verified {
        User user;
        QByteArray upgradedHash; // set when the stored hash used an older cost
    };
    Result<QByteArray> hashPassword(const QString &password) const;
    // Who may create an account without an invitation.
    enum class SignUp { Open, FirstAccountOnly };
    static Result<Session> createAccount(QSqlDatabase &db, const ValidSignUp &signUp, const QByteArray &passwordHash,
                                         SignUp policy = SignUp::Open, const SessionPolicy &sessions = {});
    static Result<Candidate> findAccount(QSqlDatabase &db, const QString &normalizedEmail);
    Result<Verified> verifyPassword(const Candidate &candidate, const QString &password) const;
    // With an invitation code, the member joins that agency and the session acts there.
    static Result<Session> openSession(QSqlDatabase &db, const Verified &verified, const QString &invitation = {},
                                       const SessionPolicy &sessions = {});
    // The session's user, stamping the session as used. Unauthorized when
    // unknown or expired.
    static Result<User> restore(QSqlDatabase &db, const QString &token, qint64 creatorId = 0, const SessionPolicy &sessions = {});
    // What restore describes: the member with its login and the creators it
    // sees, which AgencyRepository::describeWithCreators turns into the user
    // (huntaze-server keeps it: server/sessioncache.h).
    static Result<agency::Membership> restoreMember(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions = {});
    // The session's member (agency, role, creators it may see) without
    // writing anything: every data request starts here.
    static Result<agency::Membership> memberFor(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions = {});
    // A new pair of tokens for a live refresh token, which is spent. A spent
    // one presented again means someone else holds a copy: the whole session
    // ends (every token it handed out) and the audit log says so. The
    // returned user carries only the login and agencyId.
    static Result<Session> refresh(QSqlDatabase &db, const QString &refreshToken, const SessionPolicy &sessions);
    // Deletes every session (and spent refresh token) dead by the policy's
    // now, in every agency; how many sessions went.
    static Result<int> purgeExpiredSessions(QSqlDatabase &db, const SessionPolicy &sessions);
    // The member as the apps see them, acting for `creatorId` (0: their first creator).
    static Result<User> describe(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId = 0);
    // Saves the profile of the member's creator `creatorId` (0: their first)
    // if their role may edit it; the member as they are afterwards.
    static Result<User> saveCreatorProfile(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const Profile &profile);
    static Result<void> signOut(QSqlDatabase &db, const QString &token);
    // Ends every session of the login, in every agency, this one included.
    static Result<void> signOutEverywhere(QSqlDatabase &db, const agency::Membership &member);

    // Changing a password, in three steps so that a server keeps no database
    // connection while Argon2id runs: the login's stored hash (for the member
    // the session acts as); then, off the database, the current password
    // checked and the new one hashed; then the new hash stored, every other
    // session of the login ended (in every agency) and the change audited.
    // The session that asked stays open.
    struct PasswordChange {
        agency::Membership member;
        QByteArray storedHash;
    };
    static Result<void> checkPasswordChange(const QString &current, const QString &next);
    // What a reset with a code must hold before anything is looked up or
    // sent: an email, a code, a new password by the sign-up rules (field
    // "newPassword"). The normalised email.
    static Result<QString> checkPasswordReset(const QString &email, const QString &code, const QString &newPassword);
    static Result<PasswordChange> passwordOf(QSqlDatabase &db, const agency::Membership &member);
    // A wrong current password is a validation error on "currentPassword".
    Result<QByteArray> verifyAndHash(const PasswordChange &change, const QString &current, const QString &next) const;
    static Result<void> storePassword(QSqlDatabase &db, const agency::Membership &member, const QString &token, const QByteArray &hash);
    // All three, on the caller's thread (the desktop's database thread).
    Result<void> changePassword(QSqlDatabase &db, const QString &token, const QString &current, const QString &next) const;

    // A forgotten password, on a server: a manager issued `code` for the
    // login of `normalizedEmail`; its new hash (made off the database) is
    // stored, the code spent, every session of the login ended, the reset
    // audited. The same validation error for any code that does not fit.
    // The member the code was issued for.
    static Result<agency::Membership> resetPassword(QSqlDatabase &db, const QString &code, const QString &normalizedEmail,
                                                    const QByteArray &newHash, const SessionPolicy &sessions);

    // The error of any per-account call made without a session, whichever backend.
    static Error notSignedIn();
    static Error sessionEnded();
    static Error invalidInvitation();

private:
    static Result<Session> startSession(QSqlDatabase &db, const User &user, const SessionPolicy &policy);

    PasswordHasher m_hasher;
};

} // namespace huntaze
