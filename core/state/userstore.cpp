#include "userstore.h"

#include "logging/logging.h"

namespace huntaze {

UserStore::UserStore(Backend &backend, QObject *parent) : QObject(parent), m_backend(backend)
{}

void UserStore::setUser(const User &user)
{
    if (m_user == user)
        return;
    m_user = user;
    Q_EMIT userChanged();
}

void UserStore::clearUser()
{
    if (!m_user)
        return;
    m_user.reset();
    Q_EMIT userChanged();
}

void UserStore::clearError()
{
    if (!m_error)
        return;
    m_error.reset();
    Q_EMIT errorChanged(QString());
}

QFuture<Result<User>> UserStore::updateProfile(const Profile &profile)
{
    QFuture<Result<User>> saving = track(m_backend.updateProfile(profile));
    onFinished(saving, this, [this](const Result<User> &saved) {
        if (!saved.ok())
            return;
        setUser(saved.value());
        Q_EMIT profileSaved();
    });
    return saving;
}

void UserStore::beginOperation()
{
    clearError();
    if (++m_pending == 1)
        Q_EMIT isLoadingChanged(true);
}

void UserStore::finishOperation(const std::optional<Error> &failure)
{
    if (failure) {
        qCInfo(lcState) << "operation failed:" << static_cast<int>(failure->code) << failure->detail;
        m_error = failure;
        Q_EMIT errorChanged(failure->message);
    }
    if (--m_pending == 0)
        Q_EMIT isLoadingChanged(false);
}

} // namespace huntaze
