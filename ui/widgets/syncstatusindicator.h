#pragma once

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
// clicking it syncs now. Hidden without a replica (this computer's data).
class SyncStatusIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit SyncStatusIndicator(Backend &backend, QWidget *parent = nullptr);

private:
    void follow();
    void refresh();

    Backend &m_backend;
    QPointer<sync::SyncEngine> m_engine;
};

} // namespace huntaze::ui
