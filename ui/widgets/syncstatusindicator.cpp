#include "syncstatusindicator.h"

#include "backend/backend.h"
#include "sync/syncengine.h"
#include "widgets/syncproblemsdialog.h"

#include <QLocale>
#include <QMenu>

namespace huntaze::ui {

SyncStatusIndicator::SyncStatusIndicator(Backend &backend, QWidget *parent) : QToolButton(parent), m_backend(backend)
{
    setObjectName(QStringLiteral("syncStatus"));
    setAutoRaise(true);
    setAccessibleName(tr("Sync status"));
    const auto syncNow = [this] {
        if (m_engine)
            m_engine->requestSync();
    };
    connect(this, &QToolButton::clicked, this, syncNow);
    auto *menu = new QMenu(this);
    menu->addAction(tr("Sync now"), this, syncNow);
    m_problemsAction = menu->addAction(tr("Sync problems…"), this, &SyncStatusIndicator::showProblems);
    m_problemsAction->setObjectName(QStringLiteral("showSyncProblems"));
    setMenu(menu);
    setPopupMode(QToolButton::MenuButtonPopup);
    connect(&m_backend, &Backend::syncEngineChanged, this, &SyncStatusIndicator::follow);
    follow();
}

void SyncStatusIndicator::follow()
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = m_backend.syncEngine();
    if (m_engine) {
        connect(m_engine, &sync::SyncEngine::stateChanged, this, &SyncStatusIndicator::refresh);
        connect(m_engine, &sync::SyncEngine::statusChanged, this, &SyncStatusIndicator::refresh);
    }
    refresh();
}

void SyncStatusIndicator::showProblems()
{
    if (!m_engine)
        return;
    if (!m_problemsDialog) {
        m_problemsDialog = new SyncProblemsDialog(*m_engine, this);
        m_problemsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_problemsDialog->show();
    m_problemsDialog->raise();
    m_problemsDialog->activateWindow();
}

void SyncStatusIndicator::refresh()
{
    setVisible(m_engine != nullptr);
    if (!m_engine)
        return;
    const sync::ReplicaStatus &status = m_engine->status();
    QStringList parts;
    switch (m_engine->state()) {
    case sync::SyncEngine::State::Syncing: parts.append(tr("Syncing…")); break;
    case sync::SyncEngine::State::Offline: parts.append(tr("Offline")); break;
    case sync::SyncEngine::State::Idle:
        if (status.pending == 0 && status.conflicts == 0 && status.problems == 0)
            parts.append(tr("Synced"));
        break;
    }
    if (status.pending > 0)
        parts.append(tr("%n change(s) waiting", nullptr, static_cast<int>(status.pending)));
    if (status.conflicts > 0)
        parts.append(tr("%n conflict(s)", nullptr, static_cast<int>(status.conflicts)));
    if (status.problems > 0)
        parts.append(tr("%n sync problem(s)", nullptr, static_cast<int>(status.problems)));
    m_problemsAction->setEnabled(status.problems > 0);
    setText(parts.join(QStringLiteral(" · ")));
    QString tip = status.lastSynced.isValid()
        ? tr("Last synced %1.").arg(QLocale().toString(status.lastSynced.toLocalTime(), QLocale::ShortFormat))
        : tr("Not synced yet.");
    if (!m_engine->lastError().isEmpty())
        tip += u' ' + m_engine->lastError();
    if (status.problems > 0)
        tip += u' ' + tr("Its menu lists the changes the server refused.");
    setToolTip(tip + u' ' + tr("Click to sync now; your changes are kept on this computer until the server has them."));
}

} // namespace huntaze::ui
