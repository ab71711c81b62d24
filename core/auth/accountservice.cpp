#include "accountservice.h"

#include "agency/invitationcode.h"
#include "auth/sessiontoken.h"
#include "domain/credentials.h"
#include "logging/logging.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/passwordresetrepository.h"
#include "storage/sqlworker.h"
#include "storage/teamrepository.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QSqlError>

namespace huntaze {

namespace {

Error wrongCredentials()
{
    // Never say which of the two was wrong: that would tell an attacker which emails have accounts.
    return Error{ErrorCode::InvalidCredentials,
                 QCoreApplication::translate("huntaze::AccountService", "The email or password is incorrect."),
                 {},
                 {}};
}

} // namespace

Error AccountService::notSignedIn()
{
    return Error{ErrorCode::Unauthorized, QCoreApplication::translate("huntaze::AccountService", "You are not signed in."), {}, {}};
}

Error AccountService::invalidInvitation()
{
    return Error::validation(
        QStringLiteral("invitation"),
        QCoreApplication::translate("huntaze::TeamRepository", "This invitation code is not valid. Check it, or ask for a new one."));
}

Result<AccountService::ValidSignUp> AccountService::checkSignUp(const SignUpRequest &request)
{
    const Result<QString> email = credentials::validateEmail(request.email);
    if (!email.ok())
        return email.error();
    if (Result<void> password = credentials::validatePassword(request.password); !password.ok())
        return password.error();
    if (!request.invitation.trimmed().isEmpty()) {
        // Joining an agency: its creators exist already, no profile is made.
        const QString invitation = agency::invitationcode::normalise(request.invitation);
        if (invitation.isEmpty())
            return invalidInvitation();
        return ValidSignUp{email.value(), Profile(), invitation};
    }
    Profile profile;
    profile.displayName = request.displayName;
    const Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return valid.error();
    return ValidSignUp{email.value(), valid.value(), {}};
}

Result<QString> AccountService::checkSignIn(const QString &email, const QString &password)
{
    Result<QString> normalized = credentials::validateEmail(email);
    if (!normalized.ok())
        return normalized.error();
    if (password.isEmpty())
        return Error::validation(QStringLiteral("password"),
                                 QCoreApplication::translate("huntaze::AccountService", "Enter your password."));
    return normalized;
}

Result<AccountService::Session> AccountService::signUp(QSqlDatabase &db, const SignUpRequest &request) const
{
    const Result<ValidSignUp> valid = checkSignUp(request);
    if (!valid.ok())
        return valid.error();
    const Result<QByteArray> hash = hashPassword(request.password);
    if (!hash.ok())
        return hash.error();
    return createAccount(db, valid.value(), hash.value());
}

Result<AccountService::Session> AccountService::signIn(QSqlDatabase &db, const QString &email, const QString &password) const
{
    const Result<QString> normalized = checkSignIn(email, password);
    if (!normalized.ok())
        return normalized.error();
    const Result<Candidate> candidate = findAccount(db, normalized.value());
    if (!candidate.ok())
        return candidate.error();
    const Result<Verified> verified = verifyPassword(candidate.value(), password);
    if (!verified.ok())
        return verified.error();
    return openSession(db, verified.value());
}

Result<QByteArray> AccountService::hashPassword(const QString &password) const
{
    return m_hasher.hash(password);
}

Result<AccountService::Session> AccountService::createAccount(QSqlDatabase &db, const ValidSignUp &signUp, const QByteArray &passwordHash,
                                                              SignUp policy, const SessionPolicy &sessions)
{
    // The account, its agency (or the one it joins) and its first session: all, or nothing.
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (policy == SignUp::FirstAccountOnly && signUp.invitation.isEmpty()) {
        if (Result<void> first = AccountRepository(db).requireNoAccountYet(); !first.ok())
            return first.error();
    }
    const Result<User> user = AccountRepository(db).createUser(signUp.email, passwordHash, signUp.profile, signUp.invitation);
    if (!user.ok())
        return user.error();
    Result<Session> session = startSession(db, user.value(), sessions);
    if (!session.ok())
        return session;
    if (Result<void> logged = AuditRepository(db).record(session.value().user.agencyId, user.value().id, 0,
                                                         signUp.invitation.isEmpty() ? audit::signedUp : audit::joined);
        !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    qCInfo(lcAuth) << "created account" << user.value().id;
    return session;
}

Result<AccountService::Candidate> AccountService::findAccount(QSqlDatabase &db, const QString &normalizedEmail)
{
    const Result<AccountRepository::StoredAccount> account = AccountRepository(db).findByEmail(normalizedEmail);
    if (!account.ok() && account.error().code != ErrorCode::NotFound)
        return account.error();
    if (!account.ok())
        return Candidate{};
    return Candidate{account.value().user, account.value().passwordHash};
}

Result<AccountService::Verified> AccountService::verifyPassword(const Candidate &candidate, const QString &password) const
{
    if (!candidate.user) {
        // Spend the same time as a real check so response time does not reveal unknown emails.
        static const QByteArray decoy = m_hasher.hash(QStringLiteral("decoy-password")).value();
        m_hasher.verify(decoy, password);
        return wrongCredentials();
    }
    if (!m_hasher.verify(candidate.storedHash, password)) {
        qCInfo(lcAuth) << "wrong password for account" << candidate.user->id;
        return wrongCredentials();
    }
    Verified verified{*candidate.user, {}};
    if (m_hasher.needsRehash(candidate.storedHash)) {
        if (Result<QByteArray> upgraded = m_hasher.hash(password); upgraded.ok())
            verified.upgradedHash = upgraded.value();
    }
    return verified;
}

Result<void> AccountService::checkPasswordChange(const QString &current, const QString &next)
{
    if (current.isEmpty())
        return Error::validation(QStringLiteral("currentPassword"),
                                 QCoreApplication::translate("huntaze::AccountService", "Enter your current password."));
    if (Result<void> valid = credentials::validatePassword(next); !valid.ok()) {
        Error error = valid.error();
        error.field = QStringLiteral("newPassword");
        return error;
    }
    if (next == current)
        return Error::validation(QStringLiteral("newPassword"),
                                 QCoreApplication::translate("huntaze::AccountService", "Choose a password other than the current one."));
    return Result<void>::success();
}

Result<QString> AccountService::checkPasswordReset(const QString &email, const QString &code, const QString &newPassword)
{
    const Result<QString> normalized = credentials::validateEmail(email);
    if (!normalized.ok())
        return normalized.error();
    if (code.trimmed().isEmpty())
        return Error::validation(
            QStringLiteral("code"),
            QCoreApplication::translate("huntaze::AccountService", "Type the reset code an owner or admin of your agency gave you."));
    if (Result<void> valid = credentials::validatePassword(newPassword); !valid.ok()) {
        Error error = valid.error();
        error.field = QStringLiteral("newPassword");
        return error;
    }
    return normalized;
}

Result<AccountService::PasswordChange> AccountService::passwordOf(QSqlDatabase &db, const agency::Membership &member)
{
    const Result<User> login = AccountRepository(db).findById(member.userId);
    if (!login.ok())
        return login.error();
    const Result<AccountRepository::StoredAccount> stored = AccountRepository(db).findByEmail(login.value().email);
    if (!stored.ok())
        return stored.error();
    return PasswordChange{member, stored.value().passwordHash};
}

Result<QByteArray> AccountService::verifyAndHash(const PasswordChange &change, const QString &current, const QString &next) const
{
    if (!m_hasher.verify(change.storedHash, current)) {
        qCInfo(lcAuth) << "wrong current password for account" << change.member.userId;
        return Error::validation(QStringLiteral("currentPassword"),
                                 QCoreApplication::translate("huntaze::AccountService", "Your current password is not this one."));
    }
    return m_hasher.hash(next);
}

Result<void> AccountService::storePassword(QSqlDatabase &db, const agency::Membership &member, const QString &token, const QByteArray &hash)
{
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (Result<void> stored = AccountRepository(db).updatePasswordHash(member.userId, hash); !stored.ok())
        return stored;
    if (Result<void> ended = AccountRepository(db).endOtherSessions(member, sessiontoken::digest(token)); !ended.ok())
        return ended;
    if (Result<void> logged = AuditRepository(db).record(member.agencyId, member.userId, 0, audit::passwordChanged); !logged.ok())
        return logged;
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed;
    qCInfo(lcAuth) << "password changed for account" << member.userId;
    return Result<void>::success();
}

Result<agency::Membership> AccountService::resetPassword(QSqlDatabase &db, const QString &code, const QString &normalizedEmail,
                                                         const QByteArray &newHash, const SessionPolicy &sessions)
{
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<PasswordResetRepository::Redeemed> redeemed = PasswordResetRepository(db).redeem(code, normalizedEmail, sessions.now());
    if (!redeemed.ok())
        return redeemed.error();
    const Result<agency::Membership> member = AgencyRepository(db).membership(redeemed.value().agencyId, redeemed.value().userId);
    if (!member.ok())
        return PasswordResetRepository::invalidCode(); // no longer a member there: the code is void
    if (Result<void> stored = AccountRepository(db).updatePasswordHash(member.value().userId, newHash); !stored.ok())
        return stored.error();
    // Whoever knew the old password is signed out everywhere.
    if (Result<void> ended = AccountRepository(db).endOtherSessions(member.value(), {}); !ended.ok())
        return ended.error();
    if (Result<void> logged = AuditRepository(db).record(member.value().agencyId, member.value().userId, 0, audit::passwordReset);
        !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    qCInfo(lcAuth) << "password reset with a code for account" << member.value().userId;
    return member;
}

Result<void> AccountService::changePassword(QSqlDatabase &db, const QString &token, const QString &current, const QString &next) const
{
    if (Result<void> checked = checkPasswordChange(current, next); !checked.ok())
        return checked;
    const Result<agency::Membership> member = memberFor(db, token);
    if (!member.ok())
        return member.error();
    const Result<PasswordChange> change = passwordOf(db, member.value());
    if (!change.ok())
        return change.error();
    const Result<QByteArray> hash = verifyAndHash(change.value(), current, next);
    if (!hash.ok())
        return hash.error();
    return storePassword(db, member.value(), token, hash.value());
}

Result<AccountService::Session> AccountService::openSession(QSqlDatabase &db, const Verified &verified, const QString &invitation,
                                                            const SessionPolicy &sessions)
{
    // Joining (with an invitation) and the session: both, or neither.
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    if (!verified.upgradedHash.isEmpty())
        (void)AccountRepository(db).updatePasswordHash(verified.user.id, verified.upgradedHash);
    User member = verified.user;
    if (!invitation.isEmpty()) {
        const Result<qint64> joined = TeamRepository(db).redeem(invitation, verified.user.id);
        if (!joined.ok())
            return joined.error();
        member.agencyId = joined.value();
    }
    Result<Session> session = startSession(db, member, sessions);
    if (!session.ok())
        return session;
    const QString action = invitation.isEmpty() ? audit::signedIn : audit::joined;
    if (Result<void> logged = AuditRepository(db).record(session.value().user.agencyId, member.id, 0, action); !logged.ok())
        return logged.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return session;
}

Result<User> AccountService::restore(QSqlDatabase &db, const QString &token, qint64 creatorId, const SessionPolicy &sessions)
{
    const Result<agency::Membership> member = restoreMember(db, token, sessions);
    if (!member.ok())
        return member.error();
    return AgencyRepository::userOf(member.value(), creatorId);
}

Result<agency::Membership> AccountService::restoreMember(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions)
{
    if (token.isEmpty())
        return notSignedIn();
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    Result<agency::Membership> member = AccountRepository(db).memberForSession(sessiontoken::digest(token), sessions.now());
    if (!member.ok())
        return member;
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return member;
}

Result<agency::Membership> AccountService::memberFor(QSqlDatabase &db, const QString &token, const SessionPolicy &sessions)
{
    if (token.isEmpty())
        return notSignedIn();
    return AgencyRepository(db).membershipForSession(sessiontoken::digest(token), false, sessions.now());
}

Error AccountService::sessionEnded()
{
    return Error{ErrorCode::Unauthorized,
                 QCoreApplication::translate("huntaze::AccountRepository", "Your session has ended. Please sign in again."),
                 {},
                 {}};
}

namespace {

// A pair of tokens from `now` on, for the session named `family`.
AccountRepository::NewSession newTokens(const SessionPolicy &policy, const QByteArray &family, AccountService::Session &into)
{
    into.token = sessiontoken::generate();
    AccountRepository::NewSession tokens{sessiontoken::digest(into.token), family, {}, {}, {}};
    if (policy.expires()) {
        const QDateTime now = policy.now();
        into.expiresAt = now.addSecs(policy.accessLifetime.count());
        into.refreshToken = sessiontoken::generate();
        into.refreshExpiresAt = now.addSecs(policy.refreshLifetime.count());
        tokens.expiresAt = into.expiresAt;
        tokens.refreshDigest = sessiontoken::digest(into.refreshToken);
        tokens.refreshExpiresAt = into.refreshExpiresAt;
    }
    return tokens;
}

} // namespace

Result<AccountService::Session> AccountService::refresh(QSqlDatabase &db, const QString &refreshToken, const SessionPolicy &sessions)
{
    if (refreshToken.isEmpty() || !sessions.expires())
        return sessionEnded();
    const QByteArray spentDigest = sessiontoken::digest(refreshToken);
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    AccountRepository accounts(db);
    const Result<std::optional<AccountRepository::RefreshToken>> found = accounts.findRefreshToken(spentDigest);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return sessionEnded();
    const AccountRepository::RefreshToken token = *found.value();
    if (Result<void> entered = AgencyRepository(db).enterAs(token.userId, token.agencyId); !entered.ok())
        return entered.error();
    Session session;
    session.user.id = token.userId;
    session.user.agencyId = token.agencyId;
    Result<bool> rotated = false;
    if (!token.spent && token.expiresAt > sessions.now())
        rotated = accounts.rotateSession(token, spentDigest, newTokens(sessions, token.family, session));
    if (!rotated.ok())
        return rotated.error();
    if (rotated.value()) {
        if (Result<void> committed = transaction.commit(); !committed.ok())
            return committed.error();
        return session;
    }
    // Spent already (now or a moment ago) or expired: the session ends, every token of it.
    if (Result<void> ended = accounts.endSessionFamily(token.family, token.agencyId); !ended.ok())
        return ended.error();
    if (token.spent || token.expiresAt > sessions.now()) {
        if (Result<void> logged = AuditRepository(db).record(token.agencyId, token.userId, 0, audit::refreshTokenReused); !logged.ok())
            return logged.error();
        qCWarning(lcAuth) << "a spent refresh token came back: session ended for account" << token.userId;
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return sessionEnded();
}

Result<int> AccountService::purgeExpiredSessions(QSqlDatabase &db, const SessionPolicy &sessions)
{
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<int> purged = AccountRepository(db).purgeExpiredSessions(sessions.now());
    if (!purged.ok())
        return purged;
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return purged;
}

Result<User> AccountService::saveCreatorProfile(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                                const Profile &profile)
{
    if (Result<void> allowed = member.require({agency::Permission::EditCreatorProfile}); !allowed.ok())
        return allowed.error();
    AgencyRepository agencies(db);
    const Result<agency::CreatorScope> scope = agencies.scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    if (Result<void> saved = agencies.updateCreatorProfile(scope.value(), profile); !saved.ok())
        return saved.error();
    return describe(db, member, scope.value().creatorId);
}

Result<User> AccountService::describe(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId)
{
    const Result<User> user = AccountRepository(db).findById(member.userId);
    if (!user.ok())
        return user.error();
    return AgencyRepository(db).describe(user.value(), member, creatorId);
}

Result<void> AccountService::signOutEverywhere(QSqlDatabase &db, const agency::Membership &member)
{
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started;
    // The audit entry first: row-level security still knows the member.
    if (Result<void> logged = AuditRepository(db).record(member.agencyId, member.userId, 0, audit::signedOutEverywhere); !logged.ok())
        return logged;
    if (Result<void> ended = AccountRepository(db).endOtherSessions(member, {}); !ended.ok())
        return ended;
    return transaction.commit();
}

Result<void> AccountService::signOut(QSqlDatabase &db, const QString &token)
{
    if (token.isEmpty())
        return Result<void>::success();
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started;
    // An expired access token still signs its session out.
    const Result<agency::Membership> member = AgencyRepository(db).membershipForSession(sessiontoken::digest(token));
    if (!member.ok())
        return member.error().code == ErrorCode::Unauthorized ? Result<void>::success() : Result<void>(member.error());
    if (Result<void> deleted = AccountRepository(db).deleteSession(sessiontoken::digest(token)); !deleted.ok())
        return deleted;
    return transaction.commit();
}

Result<AccountService::Session> AccountService::startSession(QSqlDatabase &db, const User &user, const SessionPolicy &policy)
{
    AgencyRepository agencies(db);
    const Result<qint64> agencyId = user.agencyId != 0 ? Result<qint64>(user.agencyId) : agencies.defaultAgencyOf(user.id);
    if (!agencyId.ok())
        return agencyId.error();
    if (Result<void> entered = agencies.enterAs(user.id, agencyId.value()); !entered.ok())
        return entered.error();
    const Result<agency::Membership> member = agencies.membership(agencyId.value(), user.id);
    if (!member.ok())
        return member.error();
    if (Result<void> entered = agencies.enter(member.value()); !entered.ok())
        return entered.error();
    const Result<User> described = agencies.describe(user, member.value());
    if (!described.ok())
        return described.error();
    Session session;
    session.user = described.value();
    // The family outlives each refresh: the first access token's digest will do, it is unique.
    AccountRepository::NewSession tokens = newTokens(policy, {}, session);
    tokens.family = tokens.tokenDigest;
    if (Result<void> created = AccountRepository(db).createSession(tokens, user.id, agencyId.value()); !created.ok())
        return created.error();
    return session;
}

} // namespace huntaze
