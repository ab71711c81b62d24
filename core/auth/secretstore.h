#pragma once

#include "common/result.h"

#include <QFuture>
#include <QString>

namespace huntaze {

// Where secrets (session tokens, later API keys) live: the OS keychain in the
// app, memory in tests. Reading a key that was never written gives
// ErrorCode::NotFound; a store that cannot work at all on this system gives
// ErrorCode::KeychainUnavailable so callers can carry on without it.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual QFuture<Result<QString>> read(const QString &key) = 0;
    virtual QFuture<Result<void>> write(const QString &key, const QString &secret) = 0;
    // Deleting a key that does not exist succeeds.
    virtual QFuture<Result<void>> remove(const QString &key) = 0;
};

} // namespace huntaze
