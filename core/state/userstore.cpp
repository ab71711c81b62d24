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

QFuture<Result<User>> UserStore::selectCreator(qint64 creatorId)
{
    const qint64 previous = m_backend.selectedCreator();
    m_backend.selectCreator(creatorId);
    QFuture<Result<User>> switching = track(m_backend.currentUser());
    onFinished(switching, this, [this, previous](const Result<User> &user) {
        if (!user.ok()) {
            m_backend.selectCreator(previous);
            return;
        }
        setUser(user.value());
    });
    return switching;
}

QFuture<Result<Creator>> UserStore::addCreator(const Profile &profile)
{
    QFuture<Result<Creator>> adding = track(m_backend.addCreator(profile));
    onFinished(adding, this, [this](const Result<Creator> &added) {
        if (added.ok())
            refresh();
    });
    return adding;
}

QFuture<Result<void>> UserStore::archiveCreator(qint64 creatorId)
{
    // Archiving the creator being worked on moves the member to their first one.
    if (m_user && m_user->creatorId == creatorId)
        m_backend.selectCreator(0);
    QFuture<Result<void>> archiving = track(m_backend.archiveCreator(creatorId));
    onFinished(archiving, this, [this](const Result<void> &archived) {
        if (archived.ok())
            refresh();
    });
    return archiving;
}

void UserStore::refresh()
{
    onFinished(track(m_backend.currentUser()), this, [this](const Result<User> &user) {
        if (user.ok())
            setUser(user.value());
    });
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
