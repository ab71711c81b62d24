#pragma once

#include "auth/secretstore.h"

#include <QObject>

namespace huntaze {

// SecretStore over QtKeychain: Secret Service (GNOME Keyring, KWallet) on
// Linux, Keychain on macOS, Credential Manager on Windows. Secrets are stored
// under `service` (one entry per key). The insecure plain-text fallback of
// QtKeychain stays off: without a keychain we remember nothing rather than
// write a token to disk.
class KeychainSecretStore : public QObject, public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("huntaze"), QObject *parent = nullptr);

    QFuture<Result<QString>> read(const QString &key) override;
    QFuture<Result<void>> write(const QString &key, const QString &secret) override;
    QFuture<Result<void>> remove(const QString &key) override;

private:
    QString m_service;
};

} // namespace huntaze
