#include "keychainsecretstore.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QPromise>

#include <qt6keychain/keychain.h>

#include <memory>

namespace huntaze {

namespace {

Error keychainError(const QKeychain::Job &job)
{
    const bool unavailable = job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented
        || job.error() == QKeychain::AccessDeniedByUser || job.error() == QKeychain::AccessDenied || job.error() == QKeychain::OtherError;
    if (job.error() == QKeychain::EntryNotFound)
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("huntaze::KeychainSecretStore", "Nothing is stored under this name."),
                     job.errorString(),
                     {}};
    return Error{
        unavailable ? ErrorCode::KeychainUnavailable : ErrorCode::Keychain,
        QCoreApplication::translate("huntaze::KeychainSecretStore", "The system keychain is not available: %1").arg(job.errorString()),
        job.errorString(),
        {}};
}

// Runs a QtKeychain job and turns its finished() signal into a future.
template <typename T, typename Job, typename OnSuccess> QFuture<Result<T>> runJob(Job *job, OnSuccess onSuccess)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QObject::connect(job, &QKeychain::Job::finished, job, [promise, job, onSuccess](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError) {
            promise->addResult(onSuccess(*job));
        } else {
            qCInfo(lcKeychain) << "keychain job for" << job->key() << "failed:" << job->error() << job->errorString();
            promise->addResult(keychainError(*job));
        }
        promise->finish();
    });
    job->start();
    return promise->future();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent) : QObject(parent), m_service(std::move(service))
{}

QFuture<Result<QString>> KeychainSecretStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return runJob<QString>(job, [](const QKeychain::ReadPasswordJob &done) { return Result<QString>(done.textData()); });
}

QFuture<Result<void>> KeychainSecretStore::write(const QString &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    return runJob<void>(job, [](const QKeychain::WritePasswordJob &) { return Result<void>::success(); });
}

QFuture<Result<void>> KeychainSecretStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    auto future = runJob<void>(job, [](const QKeychain::DeletePasswordJob &) { return Result<void>::success(); });
    // A missing entry is what the caller wanted anyway.
    return future.then([](Result<void> result) {
        if (!result.ok() && result.error().code == ErrorCode::NotFound)
            return Result<void>::success();
        return result;
    });
}

} // namespace huntaze
