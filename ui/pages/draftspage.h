#pragma once

#include "domain/draft.h"
#include "net/clock.h"
#include "pages/page.h"
#include "state/draftautosave.h"

#include <QPointer>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace huntaze {
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class Card;
class DraftConflictView;
class DraftEditor;
class DraftTableModel;
class MessageLabel;

// Every draft of the creators the member may see (issue 13): searched and
// filtered by kind, creator, author and status, and edited beside the list.
// What is typed is saved within a second of a pause (DraftAutosave), and at
// once when another draft is opened or the page is left.
class DraftsPage : public Page
{
    Q_OBJECT
public:
    DraftsPage(UserStore &users, CreatorDataStore &data, Clock &clock = Clock::system(), QWidget *parent = nullptr);
    ~DraftsPage() override;

    QString title() const override;
    QAction *primaryAction() const override { return m_newPost; }
    QList<QAction *> secondaryActions() const override { return {m_newMessage, m_delete}; }
    void activate() override;

    // Starts a draft of `kind` for the creator chosen in the filter (else the selected one).
    void startDraft(Draft::Kind kind);
    // Asks, then deletes the open draft.
    void deleteOpenDraft();
    // The draft open in the editor as it is now, and how far its saving got.
    const Draft &openDraft() const;
    DraftAutosave::State saveState() const;

    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *creatorFilter() const { return m_creator; }
    QComboBox *authorFilter() const { return m_author; }
    QComboBox *statusFilter() const { return m_status; }
    QTableView *table() const { return m_table; }
    DraftTableModel *model() const { return m_model; }
    DraftEditor *editor() const { return m_editor; }
    QLabel *saveStateLabel() const { return m_saveState; }
    // Shown while the open draft has another version kept beside it (issue 13).
    DraftConflictView *conflictView() const { return m_conflictView; }
    // Keeps the version in the editor (as it is, merged by hand or not), or the other one.
    void keepThisVersion();
    void useOtherVersion();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void open(const Draft &draft);
    // Hands the open draft's autosave over to finish its save, and starts a new one.
    void retireAutosave();
    void showSaveState();
    void applyFilter();
    void refreshCreators();
    void refreshAuthors();
    void refreshList();
    void selectOpenDraft();
    void showConflict();
    // The open draft, changed elsewhere and brought by a sync, shown as it is now.
    void followStoredVersion();
    void resolve(const Draft &chosen);

    UserStore &m_users;
    CreatorDataStore &m_data;
    Clock &m_clock;
    DraftAutosave *m_autosave = nullptr;
    // Autosaves of drafts no longer open whose save has not finished (or failed: tried again later).
    QList<QPointer<DraftAutosave>> m_retired;
    QAction *m_newPost;
    QAction *m_newMessage;
    QAction *m_delete;
    QLineEdit *m_search;
    std::unique_ptr<ClockTimer> m_searchTimer;
    QComboBox *m_kind;
    QComboBox *m_creator;
    QComboBox *m_author;
    QComboBox *m_status;
    DraftTableModel *m_model;
    QTableView *m_table;
    QLabel *m_empty;
    Card *m_editorCard;
    DraftEditor *m_editor;
    QLabel *m_saveState;
    QPushButton *m_deleteButton;
    DraftConflictView *m_conflictView;
    MessageLabel *m_message;
    bool m_selecting = false; // the list's selection follows the open draft: not a new choice
};

} // namespace huntaze::ui
