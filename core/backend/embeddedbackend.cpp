#include "embeddedbackend.h"

#include <QSqlQuery>

#include "common/async.h"
#include "storage/accountrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/migrator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutexLocker>

namespace huntaze {

EmbeddedBackend::EmbeddedBackend(const QString &databasePath, PasswordHasher hasher, QObject *parent)
    : Backend(parent), m_accounts(hasher), m_worker(DatabaseConfig::sqlite(databasePath))
{}

EmbeddedBackend::~EmbeddedBackend() = default;

QString EmbeddedBackend::identity() const
{
    return QStringLiteral("embedded:") + m_worker.config().databaseName;
}

QFuture<Result<void>> EmbeddedBackend::open()
{
    return m_worker.run<void>([this](QSqlDatabase &db) -> Result<void> {
        Result<int> migrated = Migrator().migrate(db);
        if (!migrated.ok())
            return migrated.error();
        QSqlQuery anyone(db);
        if (anyone.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM users)")) && anyone.next())
            m_hasAccounts.storeRelease(anyone.value(0).toBool() ? 1 : 0);
        return Result<void>::success();
    });
}

QFuture<Result<User>> EmbeddedBackend::signUp(const SignUpRequest &request)
{
    if (Result<AccountService::ValidSignUp> checked = AccountService::checkSignUp(request); !checked.ok())
        return readyFuture<User>(checked.error());
    return m_worker.run<User>([this, request](QSqlDatabase &db) { return keepSession(m_accounts.signUp(db, request)); });
}

QFuture<Result<User>> EmbeddedBackend::signIn(const QString &email, const QString &password)
{
    if (Result<QString> checked = AccountService::checkSignIn(email, password); !checked.ok())
        return readyFuture<User>(checked.error());
    return m_worker.run<User>([this, email, password](QSqlDatabase &db) { return keepSession(m_accounts.signIn(db, email, password)); });
}

QFuture<Result<User>> EmbeddedBackend::restoreSession(const QString &token)
{
    if (token.isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    return m_worker.run<User>([this, token](QSqlDatabase &db) -> Result<User> {
        Result<User> user = AccountService::restore(db, token);
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
    return m_worker.run<void>([token](QSqlDatabase &db) { return AccountService::signOut(db, token); });
}

QFuture<Result<User>> EmbeddedBackend::currentUser()
{
    return runForUser<User>([](QSqlDatabase &db, qint64 userId) { return AccountRepository(db).findById(userId); });
}

QFuture<Result<User>> EmbeddedBackend::updateProfile(const Profile &profile)
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
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
        return readyFuture<T>(AccountService::notSignedIn());
    return m_worker.run<T>([token, job = std::move(job)](QSqlDatabase &db) -> Result<T> {
        // A read-only lookup: "last used" is stamped when the session is restored, not on every query.
        const Result<qint64> userId = AccountService::userIdFor(db, token);
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
    if (Result<Draft> valid = validateDraft(draft); !valid.ok())
        return readyFuture<Draft>(valid.error());
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

Result<User> EmbeddedBackend::keepSession(const Result<AccountService::Session> &session)
{
    if (!session.ok())
        return session.error();
    m_hasAccounts.storeRelease(1);
    setSessionToken(session.value().token);
    return session.value().user;
}

void EmbeddedBackend::setSessionToken(const QString &token)
{
    QMutexLocker lock(&m_tokenMutex);
    m_token = token;
}

} // namespace huntaze
