#include "invitationcode.h"

#include <QCryptographicHash>

#include <cstring>

#include <sodium.h>

namespace huntaze::agency::invitationcode {

namespace {

constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base32
constexpr int symbols = 20; // 100 bits
constexpr int group = 4;
const QString prefix = QStringLiteral("HZ");

QString grouped(const QString &body)
{
    QString code = prefix;
    for (int i = 0; i < body.size(); i += group)
        code += u'-' + body.mid(i, group);
    return code;
}

} // namespace

QString generate()
{
    if (sodium_init() < 0)
        qFatal("libsodium could not initialise its random generator");
    QString body;
    for (int i = 0; i < symbols; ++i)
        body += QLatin1Char(alphabet[randombytes_uniform(32)]);
    return grouped(body);
}

QString normalise(const QString &typed)
{
    QString body;
    for (const QChar c : typed.toUpper()) {
        if (c == u'-' || c.isSpace())
            continue;
        const QChar mapped = c == u'O' ? u'0' : (c == u'I' || c == u'L') ? u'1' : c;
        if (mapped.unicode() == 0 || mapped.unicode() >= 128 || !std::strchr(alphabet, static_cast<char>(mapped.unicode())))
            return {};
        body += mapped;
    }
    if (body.size() == prefix.size() + symbols && body.startsWith(prefix))
        body.remove(0, prefix.size());
    if (body.size() != symbols)
        return {};
    return grouped(body);
}

QByteArray digest(const QString &canonical)
{
    return QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace huntaze::agency::invitationcode
