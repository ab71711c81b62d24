#include "embeddedbackend.h"

#include "auth/sessiontoken.h"
#include "common/async.h"
#include "domain/credentials.h"
#include "logging/logging.h"
#include "storage/accountrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/migrator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutexLocker>

namespace huntaze {

namespace {

Error wrongCredentials()
{
    // Never say which of the two was wrong: that would tell an attacker which emails have accounts.
    return Error{ErrorCode::InvalidCredentials,
                 QCoreApplication::translate("huntaze::EmbeddedBackend", "The email or password is incorrect."),
                 {},
                 {}};
}

Error notSignedIn()
{
    return Error{ErrorCode::Unauthorized, QCoreApplication::translate("huntaze::EmbeddedBackend", "You are not signed in."), {}, {}};
}

} // namespace

EmbeddedBackend::EmbeddedBackend(const QString &databasePath, PasswordHasher hasher, QObject *parent)
    : Backend(parent), m_hasher(hasher), m_worker(DatabaseConfig::sqlite(databasePath))
{}

EmbeddedBackend::~EmbeddedBackend() = default;

QString EmbeddedBackend::identity() const
{
    return QStringLiteral("embedded:") + m_worker.config().databaseName;
}

QFuture<Result<void>> EmbeddedBackend::open()
{
    return m_worker.run<void>([](QSqlDatabase &db) -> Result<void> {
        Result<int> migrated = Migrator().migrate(db);
        if (!migrated.ok())
            return migrated.error();
        return Result<void>::success();
    });
}

QFuture<Result<User>> EmbeddedBackend::signUp(const SignUpRequest &request)
{
    Result<QString> email = credentials::validateEmail(request.email);
    if (!email.ok())
        return readyFuture<User>(email.error());
    if (Result<void> password = credentials::validatePassword(request.password); !password.ok())
        return readyFuture<User>(password.error());
    Profile profile;
    profile.displayName = request.displayName;
    Result<Profile> validProfile = validateProfile(profile);
    if (!validProfile.ok())
        return readyFuture<User>(validProfile.error());

    return m_worker.run<User>(
        [this, email = email.value(), password = request.password, profile = validProfile.value()](QSqlDatabase &db) -> Result<User> {
            Result<QByteArray> hash = m_hasher.hash(password);
            if (!hash.ok())
                return hash.error();
            Result<User> user = AccountRepository(db).createUser(email, hash.value(), profile);
            if (!user.ok())
                return user;
            qCInfo(lcAuth) << "created account" << user.value().id;
            return startSession(db, user.value());
        });
}

QFuture<Result<User>> EmbeddedBackend::signIn(const QString &email, const QString &password)
{
    Result<QString> normalized = credentials::validateEmail(email);
    if (!normalized.ok())
        return readyFuture<User>(normalized.error());
    if (password.isEmpty())
        return readyFuture<User>(
            Error::validation(QStringLiteral("password"), QCoreApplication::translate("huntaze::EmbeddedBackend", "Enter your password.")));

    return m_worker.run<User>([this, email = normalized.value(), password](QSqlDatabase &db) -> Result<User> {
        AccountRepository accounts(db);
        Result<AccountRepository::StoredAccount> account = accounts.findByEmail(email);
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
    });
}

QFuture<Result<User>> EmbeddedBackend::restoreSession(const QString &token)
{
    if (token.isEmpty())
        return readyFuture<User>(notSignedIn());
    return m_worker.run<User>([this, token](QSqlDatabase &db) -> Result<User> {
        Result<User> user = AccountRepository(db).userForSession(sessiontoken::digest(token));
        if (user.ok())
            setSessionToken(token);
        return user;
    });
}

QFuture<Result<void>> EmbeddedBackend::signOut()
{
    const QString token = sessionToken();
    setSessionToken({});
    if (token.isEmpty())
        return readyFuture<void>(Result<void>::success());
    return m_worker.run<void>([token](QSqlDatabase &db) { return AccountRepository(db).deleteSession(sessiontoken::digest(token)); });
}

QFuture<Result<User>> EmbeddedBackend::currentUser()
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<User>(notSignedIn());
    return m_worker.run<User>([token](QSqlDatabase &db) -> Result<User> {
        AccountRepository accounts(db);
        const Result<qint64> userId = accounts.userIdForSession(sessiontoken::digest(token));
        if (!userId.ok())
            return userId.error();
        return accounts.findById(userId.value());
    });
}

QFuture<Result<User>> EmbeddedBackend::updateProfile(const Profile &profile)
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<User>(notSignedIn());
    Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return readyFuture<User>(valid.error());
    return runForUser<User>(
        [profile = valid.value()](QSqlDatabase &db, qint64 userId) { return AccountRepository(db).updateProfile(userId, profile); });
}

template <typename T> QFuture<Result<T>> EmbeddedBackend::runForUser(std::function<Result<T>(QSqlDatabase &, qint64 userId)> job)
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<T>(notSignedIn());
    return m_worker.run<T>([token, job = std::move(job)](QSqlDatabase &db) -> Result<T> {
        // A read-only lookup: "last used" is stamped when the session is restored, not on every query.
        const Result<qint64> userId = AccountRepository(db).userIdForSession(sessiontoken::digest(token));
        if (!userId.ok())
            return userId.error();
        return job(db, userId.value());
    });
}

QFuture<Result<QList<Fan>>> EmbeddedBackend::fans()
{
    return runForUser<QList<Fan>>([](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).fans(); });
}

QFuture<Result<int>> EmbeddedBackend::importFans(const QList<Fan> &fans)
{
    return runForUser<int>([fans](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).insertFans(fans); });
}

QFuture<Result<QList<Offer>>> EmbeddedBackend::offers()
{
    return runForUser<QList<Offer>>([](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).offers(); });
}

QFuture<Result<int>> EmbeddedBackend::importOffers(const QList<Offer> &offers)
{
    return runForUser<int>([offers](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).insertOffers(offers); });
}

QFuture<Result<QList<Post>>> EmbeddedBackend::posts()
{
    return runForUser<QList<Post>>([](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).posts(); });
}

QFuture<Result<int>> EmbeddedBackend::importPosts(const QList<Post> &posts)
{
    return runForUser<int>([posts](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).insertPosts(posts); });
}

QFuture<Result<Draft>> EmbeddedBackend::saveDraft(const Draft &draft)
{
    if (draft.body.trimmed().isEmpty())
        return readyFuture<Draft>(Error::validation(
            QStringLiteral("body"), QCoreApplication::translate("huntaze::EmbeddedBackend", "An empty draft cannot be saved.")));
    return runForUser<Draft>([draft](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).insertDraft(draft); });
}

QFuture<Result<QList<Draft>>> EmbeddedBackend::drafts()
{
    return runForUser<QList<Draft>>([](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).drafts(); });
}

QFuture<Result<QJsonValue>> EmbeddedBackend::creatorPreference(const QString &key)
{
    return runForUser<QJsonValue>([key](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).preference(key); });
}

QFuture<Result<void>> EmbeddedBackend::setCreatorPreference(const QString &key, const QJsonValue &value)
{
    return runForUser<void>(
        [key, value](QSqlDatabase &db, qint64 userId) { return CreatorDataRepository(db, userId).setPreference(key, value); });
}

QString EmbeddedBackend::sessionToken() const
{
    QMutexLocker lock(&m_tokenMutex);
    return m_token;
}

void EmbeddedBackend::shutdown()
{
    m_worker.waitForIdle();
}

Result<User> EmbeddedBackend::startSession(QSqlDatabase &db, const User &user)
{
    const QString token = sessiontoken::generate();
    if (Result<void> created = AccountRepository(db).createSession(sessiontoken::digest(token), user.id); !created.ok())
        return created.error();
    setSessionToken(token);
    return user;
}

void EmbeddedBackend::setSessionToken(const QString &token)
{
    QMutexLocker lock(&m_tokenMutex);
    m_token = token;
}

} // namespace huntaze
