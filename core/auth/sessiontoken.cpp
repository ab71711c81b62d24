#include "sessiontoken.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace huntaze::sessiontoken {

QString generate()
{
    if (sodium_init() < 0)
        qFatal("libsodium could not initialise its random generator");
    QByteArray bytes(32, '\0');
    randombytes_buf(bytes.data(), static_cast<size_t>(bytes.size()));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray digest(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace huntaze::sessiontoken
