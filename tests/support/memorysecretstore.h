#pragma once

#include "auth/secretstore.h"

#include <QHash>

#include <memory>

namespace huntaze::test {

// A SecretStore in memory. setUnavailable(true) makes every call fail the way
// QtKeychain does on a system without a keychain.
class MemorySecretStore : public SecretStore
{
public:
    using Storage = std::shared_ptr<QHash<QString, QString>>;
    // Stores built over the same storage share their secrets, like two runs
    // of the app sharing one OS keychain.
    explicit MemorySecretStore(Storage storage = std::make_shared<QHash<QString, QString>>()) : m_secrets(std::move(storage)) {}

    QFuture<Result<QString>> read(const QString &key) override;
    QFuture<Result<void>> write(const QString &key, const QString &secret) override;
    QFuture<Result<void>> remove(const QString &key) override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    const QHash<QString, QString> &secrets() const { return *m_secrets; }

private:
    Error unavailableError() const;

    Storage m_secrets;
    bool m_unavailable = false;
};

} // namespace huntaze::test
