#include "offlinemembers.h"

#include "logging/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSaveFile>

namespace huntaze {

namespace {

const QString digestKey = QStringLiteral("tokenDigest");
const QString userKey = QStringLiteral("user");

} // namespace

OfflineMembers::OfflineMembers(QString file) : m_file(std::move(file))
{}

QString OfflineMembers::digest(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject OfflineMembers::load() const
{
    if (m_file.isEmpty())
        return {};
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void OfflineMembers::save(const QJsonObject &members) const
{
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(members).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        qCWarning(lcState).noquote() << "members for an offline start not kept:" << file.errorString();
}

bool OfflineMembers::isEmpty() const
{
    const QMutexLocker lock(&m_mutex);
    return load().isEmpty();
}

std::optional<User> OfflineMembers::find(const QString &token) const
{
    if (token.isEmpty())
        return std::nullopt;
    const QMutexLocker lock(&m_mutex);
    const QString wanted = digest(token);
    const QJsonObject members = load();
    for (auto it = members.constBegin(); it != members.constEnd(); ++it) {
        const QJsonObject member = it.value().toObject();
        if (member.value(digestKey).toString() == wanted)
            return User::fromJson(member.value(userKey).toObject());
    }
    return std::nullopt;
}

void OfflineMembers::remember(const QString &token, const User &user)
{
    if (m_file.isEmpty())
        return;
    if (token.isEmpty()) {
        forgetUser(user.id);
        return;
    }
    const QMutexLocker lock(&m_mutex);
    QJsonObject members = load();
    members.insert(QString::number(user.id), QJsonObject{{digestKey, digest(token)}, {userKey, user.toJson()}});
    save(members);
}

void OfflineMembers::forget(const QString &token)
{
    if (m_file.isEmpty() || token.isEmpty())
        return;
    const QMutexLocker lock(&m_mutex);
    const QString unwanted = digest(token);
    QJsonObject members = load();
    for (auto it = members.begin(); it != members.end();) {
        if (it.value().toObject().value(digestKey).toString() == unwanted)
            it = members.erase(it);
        else
            ++it;
    }
    save(members);
}

void OfflineMembers::forgetUser(qint64 userId)
{
    if (m_file.isEmpty())
        return;
    const QMutexLocker lock(&m_mutex);
    QJsonObject members = load();
    members.remove(QString::number(userId));
    save(members);
}

} // namespace huntaze
