#include "passwordhasher.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QThread>

#include <sodium.h>

namespace huntaze {

namespace {
bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// Argon2id is CPU-bound and takes its full memory cost (64 MiB) while it
// runs: more hashes at once than cores gain no throughput, only memory. A
// server with eight database workers would otherwise hold 512 MiB during a
// burst of sign-ins.
class HashingSlot
{
public:
    HashingSlot() { slots().acquire(); }
    ~HashingSlot() { slots().release(); }
    HashingSlot(const HashingSlot &) = delete;
    HashingSlot &operator=(const HashingSlot &) = delete;

private:
    static QSemaphore &slots()
    {
        static QSemaphore available(qMax(1, QThread::idealThreadCount()));
        return available;
    }
};
} // namespace

PasswordHasher::Cost PasswordHasher::interactiveCost()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Cost PasswordHasher::minimumCost()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(Cost cost) : m_cost(cost)
{}

Result<QByteArray> PasswordHasher::hash(const QString &password) const
{
    if (!ensureSodium())
        return Error{ErrorCode::Internal,
                     QCoreApplication::translate("huntaze::PasswordHasher", "The password library could not start."),
                     QStringLiteral("sodium_init failed"),
                     {}};
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    const HashingSlot slot;
    if (crypto_pwhash_str(out.data(), utf8.constData(), static_cast<unsigned long long>(utf8.size()), m_cost.opsLimit, m_cost.memLimitBytes)
        != 0) {
        qCWarning(lcAuth) << "crypto_pwhash_str ran out of memory";
        return Error{ErrorCode::Internal,
                     QCoreApplication::translate("huntaze::PasswordHasher",
                                                 "Not enough memory to protect the password. Close other programs and try again."),
                     QStringLiteral("crypto_pwhash_str failed"),
                     {}};
    }
    out.truncate(qstrlen(out.constData()));
    return out;
}

bool PasswordHasher::verify(const QByteArray &storedHash, const QString &password) const
{
    if (!ensureSodium() || storedHash.isEmpty())
        return false;
    const QByteArray utf8 = password.toUtf8();
    const HashingSlot slot;
    // crypto_pwhash_str_verify wants a NUL-terminated string; QByteArray guarantees one.
    return crypto_pwhash_str_verify(storedHash.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size())) == 0;
}

bool PasswordHasher::needsRehash(const QByteArray &storedHash) const
{
    return ensureSodium() && crypto_pwhash_str_needs_rehash(storedHash.constData(), m_cost.opsLimit, m_cost.memLimitBytes) != 0;
}

} // namespace huntaze
