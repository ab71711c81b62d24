#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace huntaze {

// Argon2id password hashing through libsodium. Hashes are self-describing
// PHC strings ($argon2id$v=19$m=...,t=...,p=...$salt$hash), so the cost can be
// raised later and old hashes still verify (needsRehash tells when to upgrade).
// Hashing is deliberately slow (tens to hundreds of ms): never call it on the UI thread.
class PasswordHasher
{
public:
    struct Cost {
        unsigned long long opsLimit;
        size_t memLimitBytes;
    };
    // libsodium's "interactive" preset: 64 MiB, 2 passes.
    static Cost interactiveCost();
    // The smallest cost libsodium accepts; only for tests that hash many passwords.
    static Cost minimumCost();

    explicit PasswordHasher(Cost cost = interactiveCost());

    Result<QByteArray> hash(const QString &password) const;
    bool verify(const QByteArray &storedHash, const QString &password) const;
    bool needsRehash(const QByteArray &storedHash) const;

private:
    Cost m_cost;
};

} // namespace huntaze
