#include "accountservice.h"

#include "auth/sessiontoken.h"
#include "domain/credentials.h"
#include "logging/logging.h"
#include "storage/accountrepository.h"

#include <QCoreApplication>

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

Result<AccountService::ValidSignUp> AccountService::checkSignUp(const SignUpRequest &request)
{
    const Result<QString> email = credentials::validateEmail(request.email);
    if (!email.ok())
        return email.error();
    if (Result<void> password = credentials::validatePassword(request.password); !password.ok())
        return password.error();
    Profile profile;
    profile.displayName = request.displayName;
    const Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return valid.error();
    return ValidSignUp{email.value(), valid.value()};
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
    const Result<QByteArray> hash = m_hasher.hash(request.password);
    if (!hash.ok())
        return hash.error();
    const Result<User> user = AccountRepository(db).createUser(valid.value().email, hash.value(), valid.value().profile);
    if (!user.ok())
        return user.error();
    qCInfo(lcAuth) << "created account" << user.value().id;
    return startSession(db, user.value());
}

Result<AccountService::Session> AccountService::signIn(QSqlDatabase &db, const QString &email, const QString &password) const
{
    const Result<QString> normalized = checkSignIn(email, password);
    if (!normalized.ok())
        return normalized.error();
    AccountRepository accounts(db);
    const Result<AccountRepository::StoredAccount> account = accounts.findByEmail(normalized.value());
    if (!account.ok() && account.error().code != ErrorCode::NotFound)
        return account.error();
    if (!account.ok()) {
        // Spend the same time as a real check so response time does not reveal unknown emails.
        static const QByteArray decoy = m_hasher.hash(QStringLiteral("decoy-password")).value();
        m_hasher.verify(decoy, password);
        return wrongCredentials();
    }
    if (!m_hasher.verify(account.value().passwordHash, password)) {
        qCInfo(lcAuth) << "wrong password for account" << account.value().user.id;
        return wrongCredentials();
    }
    if (m_hasher.needsRehash(account.value().passwordHash)) {
        if (Result<QByteArray> upgraded = m_hasher.hash(password); upgraded.ok())
            (void)accounts.updatePasswordHash(account.value().user.id, upgraded.value());
    }
    return startSession(db, account.value().user);
}

Result<User> AccountService::restore(QSqlDatabase &db, const QString &token)
{
    if (token.isEmpty())
        return notSignedIn();
    return AccountRepository(db).userForSession(sessiontoken::digest(token));
}

Result<qint64> AccountService::userIdFor(QSqlDatabase &db, const QString &token)
{
    if (token.isEmpty())
        return notSignedIn();
    return AccountRepository(db).userIdForSession(sessiontoken::digest(token));
}

Result<void> AccountService::signOut(QSqlDatabase &db, const QString &token)
{
    if (token.isEmpty())
        return Result<void>::success();
    return AccountRepository(db).deleteSession(sessiontoken::digest(token));
}

Result<AccountService::Session> AccountService::startSession(QSqlDatabase &db, const User &user)
{
    Session session{user, sessiontoken::generate()};
    if (Result<void> created = AccountRepository(db).createSession(sessiontoken::digest(session.token), user.id); !created.ok())
        return created.error();
    return session;
}

} // namespace huntaze
