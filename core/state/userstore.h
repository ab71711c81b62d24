#pragma once

#include "backend/backend.h"
#include "common/result.h"
#include "domain/user.h"

#include <QFuture>
#include <QObject>

#include <optional>

namespace huntaze {

// The signed-in user as the UI sees it (the seed's Zustand user store): the
// user, whether an operation is running, and the last error. Pages observe it
// and never keep their own copy of the user.
class UserStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY userChanged)
    Q_PROPERTY(bool isLoading READ isLoading NOTIFY isLoadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit UserStore(Backend &backend, QObject *parent = nullptr);

    const std::optional<User> &user() const { return m_user; }
    bool isSignedIn() const { return m_user.has_value(); }
    bool isLoading() const { return m_pending > 0; }
    // The last failure, written for the user; empty when the last operation succeeded.
    QString error() const { return m_error ? m_error->message : QString(); }
    const std::optional<Error> &lastError() const { return m_error; }

    void setUser(const User &user);
    void clearUser();
    void clearError();

    // Saves the selected creator's profile; on failure `error` is set and the user stays as it was.
    QFuture<Result<User>> updateProfile(const Profile &profile);
    // Acts for another of the member's creators: the user (its `creatorId`
    // and `profile`) changes and every page follows. On failure the
    // previous creator stays selected.
    QFuture<Result<User>> selectCreator(qint64 creatorId);
    // Adds or archives one of the agency's creators; the user (its list of
    // creators) is read again after either.
    QFuture<Result<Creator>> addCreator(const Profile &profile);
    QFuture<Result<void>> archiveCreator(qint64 creatorId);
    // Reads the user again, after work elsewhere changed their creators (the demo agency).
    void refresh();

    // Counts `operation` in isLoading and records its failure in `error`.
    // SessionManager routes sign-in and sign-up through here.
    template <typename T> QFuture<Result<T>> track(QFuture<Result<T>> operation);

Q_SIGNALS:
    void userChanged();
    void isLoadingChanged(bool loading);
    void errorChanged(const QString &error);
    void profileSaved();

private:
    void beginOperation();
    void finishOperation(const std::optional<Error> &failure);

    Backend &m_backend;
    std::optional<User> m_user;
    std::optional<Error> m_error;
    int m_pending = 0;
};

} // namespace huntaze

#include "common/async.h"

namespace huntaze {

template <typename T> QFuture<Result<T>> UserStore::track(QFuture<Result<T>> operation)
{
    beginOperation();
    onFinished(operation, this,
               [this](const Result<T> &result) { finishOperation(result.ok() ? std::nullopt : std::optional<Error>(result.error())); });
    return operation;
}

} // namespace huntaze
