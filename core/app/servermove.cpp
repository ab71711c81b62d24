#include "servermove.h"

#include "app/appcore.h"
#include "common/async.h"

#include <QCoreApplication>
#include <QFutureWatcher>

namespace huntaze {

ServerMove::ServerMove(AppCore &core, QObject *parent) : QObject(parent), m_core(core)
{}

ServerMove::~ServerMove()
{
    if (m_move)
        m_move->cancel();
    if (m_target)
        m_target->shutdown();
}

bool ServerMove::isAvailable() const
{
    return qobject_cast<const EmbeddedBackend *>(&m_core.backend()) != nullptr && m_core.users().isSignedIn();
}

QFuture<Result<MoveReport>> ServerMove::start(const QUrl &server, const Account &account)
{
    if (m_target)
        return readyFuture<MoveReport>(
            Error{ErrorCode::Conflict, QCoreApplication::translate("huntaze::ServerMove", "A move is already under way."), {}, {}});
    auto *here = qobject_cast<EmbeddedBackend *>(&m_core.backend());
    if (!here || !m_core.users().isSignedIn())
        return readyFuture<MoveReport>(Error::validation(
            QStringLiteral("backend"),
            QCoreApplication::translate("huntaze::ServerMove", "Sign in to the data kept on this computer to move it to a server.")));
    if (const QString problem = AppCore::checkServerAddress(server); !problem.isEmpty())
        return readyFuture<MoveReport>(Error::validation(QStringLiteral("server"), problem));
    // The address exactly as the next start reads it, so the session is found under the same name.
    m_serverUrl = server.toString(QUrl::StripTrailingSlash);
    m_target = std::make_unique<RemoteBackend>(m_core.api(), QUrl(m_serverUrl), m_core.dataDirectory() + QStringLiteral("/replicas"),
                                               m_core.clock());
    m_promise = std::make_shared<QPromise<Result<MoveReport>>>();
    m_promise->start();
    QFuture<Result<MoveReport>> moving = m_promise->future();
    onFinished(m_target->open(), this, [this, here, account](const Result<void> &opened) {
        if (!opened.ok())
            return finish(opened.error());
        QFuture<Result<User>> signing = account.create ? m_target->signUp({account.email, account.password, account.displayName})
                                                       : m_target->signIn(account.email, account.password, {});
        onFinished(signing, this, [this, here](const Result<User> &member) {
            if (!member.ok())
                return finish(member.error());
            const QUrl url(m_serverUrl);
            const QString journal = m_core.dataDirectory()
                + QStringLiteral("/moves/%1-%2-%3.json")
                      .arg(url.host())
                      .arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80))
                      .arg(member.value().id);
            m_move = std::make_unique<MoveToServer>(*here, *m_target, journal);
            QFuture<Result<MoveReport>> moved = m_move->run();
            auto *watcher = new QFutureWatcher<Result<MoveReport>>(this);
            connect(watcher, &QFutureWatcherBase::progressRangeChanged, this, [this](int minimum, int maximum) {
                if (m_promise)
                    m_promise->setProgressRange(minimum, maximum);
            });
            connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
                if (m_promise)
                    m_promise->setProgressValue(value);
            });
            connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
            watcher->setFuture(moved);
            onFinished(moved, this, [this](const Result<MoveReport> &report) {
                if (!report.ok())
                    return finish(report);
                const QString key = SessionManager::secretKeyFor(m_target->identity());
                onFinished(m_core.secrets().write(key, m_target->sessionToken()), this, [this, report](const Result<void> &kept) {
                    m_core.settings().setServerUrl(m_serverUrl);
                    m_core.settings().setBackend(AppSettings::BackendKind::Remote);
                    MoveReport told = report.value();
                    told.signInNeeded = !kept.ok(); // the move stands; the next start asks to sign in
                    finish(told);
                });
            });
        });
    });
    return moving;
}

void ServerMove::cancel()
{
    if (m_move)
        m_move->cancel();
}

void ServerMove::finish(const Result<MoveReport> &result)
{
    // The replica closes before the app may restart onto it; the move's objects go once their callbacks are done.
    if (m_target) {
        m_target->shutdown();
        m_target.release()->deleteLater();
    }
    if (m_move)
        m_move.release()->deleteLater();
    if (!m_promise)
        return;
    m_promise->addResult(result);
    m_promise->finish();
    m_promise.reset();
}

} // namespace huntaze
