#include "memorysecretstore.h"

#include "common/async.h"

namespace huntaze::test {

Error MemorySecretStore::unavailableError() const
{
    return Error{ErrorCode::KeychainUnavailable,
                 QStringLiteral("The system keychain is not available."),
                 QStringLiteral("No keychain service available"),
                 {}};
}

QFuture<Result<QString>> MemorySecretStore::read(const QString &key)
{
    if (m_unavailable)
        return readyFuture<QString>(unavailableError());
    if (!m_secrets->contains(key))
        return readyFuture<QString>(Error{ErrorCode::NotFound, {}, {}, {}});
    return readyFuture<QString>(m_secrets->value(key));
}

QFuture<Result<void>> MemorySecretStore::write(const QString &key, const QString &secret)
{
    if (m_unavailable)
        return readyFuture<void>(unavailableError());
    m_secrets->insert(key, secret);
    return readyFuture<void>(Result<void>::success());
}

QFuture<Result<void>> MemorySecretStore::remove(const QString &key)
{
    if (m_unavailable)
        return readyFuture<void>(unavailableError());
    m_secrets->remove(key);
    return readyFuture<void>(Result<void>::success());
}

} // namespace huntaze::test
