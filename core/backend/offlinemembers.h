#pragma once

#include "domain/user.h"

#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <optional>

namespace huntaze {

// The members signed in to one server on this computer, as the server last
// described them (issue 13), so the app can start on a member's replica while
// the server is out of reach. Each is found by a SHA-256 digest of the token
// the keychain remembers for them, never by the token itself: only whoever
// holds that token finds the member. A rotated token replaces the digest; a
// refused or ended session forgets the member. Kept in one small JSON file.
class OfflineMembers
{
public:
    // `file` empty: nothing is remembered.
    explicit OfflineMembers(QString file);

    bool isEmpty() const;
    // The member `token` was remembered for.
    std::optional<User> find(const QString &token) const;
    // `user`, found by `token` from now on (an empty token forgets them).
    void remember(const QString &token, const User &user);
    void forget(const QString &token);
    void forgetUser(qint64 userId);

private:
    static QString digest(const QString &token);
    QJsonObject load() const;
    void save(const QJsonObject &members) const;

    const QString m_file;
    mutable QMutex m_mutex; // the session's token may rotate on another thread
};

} // namespace huntaze
