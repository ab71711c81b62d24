#pragma once

#include "sync/replica.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace huntaze::sync {
class SyncEngine;
}

namespace huntaze::ui {

// The changes the server refused for good (issue 13): what each was, why
// the server refused it, and what this computer had sent, which the member
// can copy before dismissing the problem. Nothing goes until they do.
class SyncProblemsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SyncProblemsDialog(sync::SyncEngine &engine, QWidget *parent = nullptr);

    // "Draft “Beach at dawn”", "3 fans imported", "Preference “currency”"…: what a problem was about.
    static QString describe(const sync::SyncProblem &problem);
    // What this computer had sent, as the member can keep it (JSON, indented).
    static QString localCopyText(const sync::SyncProblem &problem);

    // The problems listed, in order (filled once the replica answered).
    const QList<sync::SyncProblem> &problems() const { return m_problems; }

Q_SIGNALS:
    void loaded();

private:
    void load();
    void fill(const QList<sync::SyncProblem> &problems);
    void selectionChanged();
    void copySelected();
    void dismissSelected();
    const sync::SyncProblem *selected() const;

    QPointer<sync::SyncEngine> m_engine;
    QList<sync::SyncProblem> m_problems;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QLabel *m_reason;
    QPlainTextEdit *m_copy;
    QPushButton *m_copyButton;
    QPushButton *m_dismissButton;
};

} // namespace huntaze::ui
