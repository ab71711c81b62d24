#pragma once

#include "backend/movetoserver.h"

#include <QFuture>
#include <QObject>
#include <QUrl>

#include <memory>

namespace huntaze {

class AppCore;

// Settings → "Move your data to a server" (issue 13): signs in (or up) on a
// huntaze-server, moves what the signed-in member keeps on this computer
// there (MoveToServer, resumable through a journal in the data folder),
// remembers that session in the keychain and makes the server the app's
// backend from the next start. The data on this computer stays as it was.
class ServerMove : public QObject
{
    Q_OBJECT
public:
    struct Account {
        QString email;
        QString password;
        QString displayName; // when the account is made there
        bool create = false; // no account there yet
    };

    explicit ServerMove(AppCore &core, QObject *parent = nullptr);
    ~ServerMove() override;

    // Whether there is data here to move: the app keeps it on this computer and someone is signed in.
    bool isAvailable() const;
    bool isRunning() const { return m_target != nullptr; }
    // Progress in rows once the move knows how many; ErrorCode::Cancelled after cancel().
    QFuture<Result<MoveReport>> start(const QUrl &server, const Account &account);
    void cancel();

private:
    void finish(const Result<MoveReport> &result);

    AppCore &m_core;
    std::unique_ptr<RemoteBackend> m_target;
    std::unique_ptr<MoveToServer> m_move;
    std::shared_ptr<QPromise<Result<MoveReport>>> m_promise;
    QString m_serverUrl;
};

} // namespace huntaze
