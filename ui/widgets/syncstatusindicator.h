#pragma once

#include <QDialog>
#include <QPointer>
#include <QToolButton>

namespace huntaze {
class Backend;
namespace sync {
class SyncEngine;
}
} // namespace huntaze

namespace huntaze::ui {

// The sync of a server's replica in the status bar (issue 13): synced, N
// changes waiting, offline, conflicts, problems, with the last sync time;
// clicking it syncs now, its menu lists the sync problems
// (SyncProblemsDialog). Hidden without a replica (this computer's data).
class SyncStatusIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit SyncStatusIndicator(Backend &backend, QWidget *parent = nullptr);

    // The list of sync problems, opened (or raised) from the menu.
    void showProblems();
    QAction *problemsAction() const { return m_problemsAction; }

private:
    void follow();
    void refresh();

    Backend &m_backend;
    QPointer<sync::SyncEngine> m_engine;
    QAction *m_problemsAction;
    QPointer<QDialog> m_problemsDialog;
};

} // namespace huntaze::ui
