#include "draftspage.h"

#include "common/async.h"
#include "models/drafttablemodel.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/datatable.h"
#include "widgets/draftconflictview.h"
#include "widgets/drafteditor.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QComboBox *filterBox(const QString &accessibleName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setAccessibleName(accessibleName);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

// Typing in the search waits for a pause before filtering thousands of rows.
constexpr std::chrono::milliseconds searchPause{150};

} // namespace

DraftsPage::DraftsPage(UserStore &users, CreatorDataStore &data, Clock &clock, QWidget *parent)
    : Page(parent), m_users(users), m_data(data), m_clock(clock)
{
    m_newPost = new QAction(themedIcon(QStringLiteral("edit")), tr("New post"), this);
    m_newPost->setToolTip(tr("Start a post draft: caption, hashtags, platform, planned time and files."));
    connect(m_newPost, &QAction::triggered, this, [this] { startDraft(Draft::Kind::Post); });
    m_newMessage = new QAction(themedIcon(QStringLiteral("messages")), tr("New fan message"), this);
    m_newMessage->setToolTip(tr("Start a message to fans: a template and the fans it is for."));
    connect(m_newMessage, &QAction::triggered, this, [this] { startDraft(Draft::Kind::Message); });
    m_delete = new QAction(tr("Delete draft"), this);
    m_delete->setEnabled(false);
    connect(m_delete, &QAction::triggered, this, &DraftsPage::deleteOpenDraft);

    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("draftsMessage"));
    contentLayout()->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);

    auto *listCard = new Card(tr("Drafts"), splitter);
    m_search = new QLineEdit(listCard);
    m_search->setPlaceholderText(tr("Search titles, text, notes and hashtags"));
    m_search->setAccessibleName(tr("Search drafts"));
    m_search->setClearButtonEnabled(true);
    listCard->body()->addWidget(m_search);
    auto *filters = new QHBoxLayout;
    m_kind = filterBox(tr("Kind of draft"), listCard);
    m_kind->addItem(tr("All kinds"), -1);
    m_kind->addItem(DraftTableModel::kindName(Draft::Kind::Post), static_cast<int>(Draft::Kind::Post));
    m_kind->addItem(DraftTableModel::kindName(Draft::Kind::Message), static_cast<int>(Draft::Kind::Message));
    m_creator = filterBox(tr("Creator"), listCard);
    m_author = filterBox(tr("Author"), listCard);
    m_status = filterBox(tr("Status"), listCard);
    m_status->addItem(tr("Any status"), -1);
    for (const Draft::Status status : {Draft::Status::Draft, Draft::Status::Ready, Draft::Status::Done})
        m_status->addItem(DraftTableModel::statusName(status), static_cast<int>(status));
    for (QComboBox *box : {m_kind, m_creator, m_author, m_status}) {
        filters->addWidget(box);
        connect(box, &QComboBox::activated, this, &DraftsPage::applyFilter);
    }
    filters->addStretch(1);
    listCard->body()->addLayout(filters);
    m_model = new DraftTableModel(m_data, m_users, this);
    m_table = makeDataTable(m_model, tr("Drafts"), listCard);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    listCard->body()->addWidget(m_table, 1);
    m_empty = new QLabel(tr("No drafts yet. Start one with New post or New fan message, or keep one from Content ideas, "
                            "Captions or Fan messages."),
                         listCard);
    m_empty->setObjectName(QStringLiteral("noDrafts"));
    m_empty->setProperty("role", QStringLiteral("muted"));
    m_empty->setWordWrap(true);
    listCard->body()->addWidget(m_empty);

    m_editorCard = new Card(tr("Draft"), splitter);
    m_conflictView = new DraftConflictView(m_editorCard);
    m_conflictView->hide();
    m_editorCard->body()->addWidget(m_conflictView);
    m_editor = new DraftEditor(m_editorCard);
    m_editorCard->body()->addWidget(m_editor);
    auto *footer = new QHBoxLayout;
    m_saveState = new QLabel(m_editorCard);
    m_saveState->setObjectName(QStringLiteral("saveState"));
    m_saveState->setProperty("role", QStringLiteral("muted"));
    m_saveState->setWordWrap(true);
    m_deleteButton = new QPushButton(tr("&Delete draft"), m_editorCard);
    m_deleteButton->setEnabled(false);
    connect(m_deleteButton, &QPushButton::clicked, this, &DraftsPage::deleteOpenDraft);
    footer->addWidget(m_saveState, 1);
    footer->addWidget(m_deleteButton);
    m_editorCard->body()->addLayout(footer);
    splitter->addWidget(listCard);
    splitter->addWidget(m_editorCard);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    contentLayout()->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_searchTimer = m_clock.startTimer(searchPause, this, [this] {
            m_model->setSearch(m_search->text());
            selectOpenDraft();
        });
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (m_selecting || !current.isValid())
            return;
        if (const Draft *draft = m_model->draftAt(current.row()); draft && draft->id != openDraft().id)
            open(*draft);
    });
    connect(m_editor, &DraftEditor::edited, this, [this] {
        m_autosave->edit(m_editor->draft());
        if (m_conflictView->isVisible())
            showConflict(); // the rows follow what the editor holds now
    });
    connect(m_conflictView, &DraftConflictView::taken, m_editor, &DraftEditor::take);
    connect(m_conflictView, &DraftConflictView::useOther, this, &DraftsPage::useOtherVersion);
    connect(m_conflictView, &DraftConflictView::keepThis, this, &DraftsPage::keepThisVersion);
    connect(&m_data, &CreatorDataStore::draftsChanged, this, &DraftsPage::refreshList);
    connect(&m_data, &CreatorDataStore::conflictsChanged, this, &DraftsPage::showConflict);
    connect(&m_users, &UserStore::userChanged, this, [this] {
        refreshCreators();
        // Signed out, or the creator is no longer the member's: what was open is not theirs to edit.
        const std::optional<User> &user = m_users.user();
        const qint64 creator = openDraft().creatorId;
        if (!user || !std::any_of(user->creators.cbegin(), user->creators.cend(), [creator](const Creator &c) { return c.id == creator; }))
            open({});
    });

    open({});
    refreshCreators();
    refreshList();
}

DraftsPage::~DraftsPage()
{
    // Whatever is typed is kept, also when the window closes within the pause.
    m_autosave->flush();
}

QString DraftsPage::title() const
{
    return tr("Drafts");
}

void DraftsPage::activate()
{
    refreshCreators();
    m_table->setFocus();
}

void DraftsPage::hideEvent(QHideEvent *event)
{
    m_autosave->flush();
    Page::hideEvent(event);
}

const Draft &DraftsPage::openDraft() const
{
    return m_autosave->draft();
}

DraftAutosave::State DraftsPage::saveState() const
{
    return m_autosave->state();
}

void DraftsPage::startDraft(Draft::Kind kind)
{
    Draft draft;
    draft.kind = kind;
    const qint64 chosen = m_creator->currentData().toLongLong();
    draft.creatorId = chosen != 0 ? chosen : (m_users.user() ? m_users.user()->creatorId : 0);
    open(draft);
    m_editor->titleEdit()->setFocus();
}

void DraftsPage::open(const Draft &draft)
{
    retireAutosave();
    m_autosave->open(draft);
    m_editor->setDraft(draft);
    const bool editing = m_users.user() != std::nullopt && draft.creatorId != 0;
    m_editor->setEnabled(editing);
    m_editorCard->setTitle(draft.id.isEmpty()
                               ? (editing ? tr("New draft") : tr("Draft"))
                               : (m_users.user() ? tr("Draft for %1").arg(m_users.user()->creatorName(draft.creatorId)) : tr("Draft")));
    m_delete->setEnabled(editing);
    m_deleteButton->setEnabled(editing);
    m_message->clearMessage();
    showSaveState();
    selectOpenDraft();
    showConflict();
}

void DraftsPage::showConflict()
{
    const QList<DraftConflict> conflicts = openDraft().id.isEmpty() ? QList<DraftConflict>{} : m_data.conflictsOf(openDraft().id);
    m_conflictView->setVisible(!conflicts.isEmpty());
    if (!conflicts.isEmpty())
        m_conflictView->showConflict(conflicts.first(), m_editor->draft());
}

void DraftsPage::useOtherVersion()
{
    const QList<DraftConflict> conflicts = m_data.conflictsOf(openDraft().id);
    if (!conflicts.isEmpty())
        resolve(m_editor->draft().withEditableFields(conflicts.first().fields));
}

void DraftsPage::keepThisVersion()
{
    resolve(m_editor->draft());
}

void DraftsPage::resolve(const Draft &chosen)
{
    const QList<DraftConflict> conflicts = m_data.conflictsOf(chosen.id);
    if (conflicts.isEmpty())
        return;
    onFinished(m_data.resolveConflict(conflicts.first().id, chosen), this, [this](const Result<Draft> &resolved) {
        if (!resolved.ok()) {
            m_message->showMessage(resolved.error().message, MessageLabel::Kind::Error);
            return;
        }
        if (resolved.value().id == openDraft().id)
            open(resolved.value());
        m_message->showMessage(tr("Kept. Every device gets this version at its next sync."), MessageLabel::Kind::Note);
    });
}

void DraftsPage::retireAutosave()
{
    if (m_autosave) {
        m_autosave->flush();
        DraftAutosave *leaving = m_autosave;
        disconnect(leaving, nullptr, this, nullptr);
        if (leaving->state() == DraftAutosave::State::Saved) {
            leaving->deleteLater();
        } else {
            m_retired.append(leaving);
            connect(leaving, &DraftAutosave::stateChanged, this, [this, leaving](DraftAutosave::State state) {
                if (state == DraftAutosave::State::Saved) {
                    m_retired.removeAll(leaving);
                    leaving->deleteLater();
                } else if (state == DraftAutosave::State::Failed) {
                    m_message->showMessage(
                        tr("\"%1\" could not be saved: %2 It is kept here and tried again when you open "
                           "another draft.")
                            .arg(leaving->draft().title.isEmpty() ? tr("A draft") : leaving->draft().title, leaving->lastError()),
                        MessageLabel::Kind::Error);
                }
            });
        }
    }
    // A draft whose save failed earlier is tried again now.
    for (const QPointer<DraftAutosave> &retired : std::as_const(m_retired)) {
        if (retired && retired->state() == DraftAutosave::State::Failed)
            retired->flush();
    }
    m_autosave = new DraftAutosave(m_data, m_clock, this);
    connect(m_autosave, &DraftAutosave::stateChanged, this, &DraftsPage::showSaveState);
}

void DraftsPage::showSaveState()
{
    const Draft &draft = m_autosave->draft();
    switch (m_autosave->state()) {
    case DraftAutosave::State::Saved:
        m_saveState->setText(
            draft.id.isEmpty()
                ? (draft.creatorId != 0 ? tr("Type to start: the draft is kept as you write.") : QString())
                : tr("All changes saved (%1).").arg(QLocale().toString(draft.updatedAt.toLocalTime(), QLocale::ShortFormat)));
        break;
    case DraftAutosave::State::Pending: m_saveState->setText(tr("Unsaved changes…")); break;
    case DraftAutosave::State::Saving: m_saveState->setText(tr("Saving…")); break;
    case DraftAutosave::State::Failed:
        m_saveState->setText(tr("Not saved: %1 Your text is kept; it is saved again with your next change.").arg(m_autosave->lastError()));
        break;
    }
    m_saveState->setProperty("role",
                             m_autosave->state() == DraftAutosave::State::Failed ? QStringLiteral("error") : QStringLiteral("muted"));
    m_saveState->style()->unpolish(m_saveState);
    m_saveState->style()->polish(m_saveState);
    if (m_autosave->state() == DraftAutosave::State::Saved && !draft.id.isEmpty()) {
        m_editorCard->setTitle(m_users.user() ? tr("Draft for %1").arg(m_users.user()->creatorName(draft.creatorId)) : tr("Draft"));
        selectOpenDraft(); // a new draft has its row now
    }
}

void DraftsPage::deleteOpenDraft()
{
    const Draft draft = m_autosave->draft();
    if (draft.id.isEmpty()) {
        open({}); // never kept: nothing to delete
        return;
    }
    const QString name = draft.title.isEmpty() ? tr("this draft") : QStringLiteral("\"%1\"").arg(draft.title);
    if (QMessageBox::question(this, tr("Delete %1?").arg(name), tr("The draft is deleted for everyone in the team. This cannot be undone."),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    open({});
    onFinished(m_data.deleteDraft(draft.creatorId, draft.id), this, [this](const Result<void> &deleted) {
        if (deleted.ok())
            m_message->showMessage(tr("Draft deleted."), MessageLabel::Kind::Note);
        else
            m_message->showMessage(deleted.error().message, MessageLabel::Kind::Error);
    });
}

void DraftsPage::applyFilter()
{
    DraftTableModel::Filter filter;
    if (const int kind = m_kind->currentData().toInt(); kind >= 0)
        filter.kind = static_cast<Draft::Kind>(kind);
    filter.creatorId = m_creator->currentData().toLongLong();
    filter.authorId = m_author->currentData().toLongLong();
    if (const int status = m_status->currentData().toInt(); status >= 0)
        filter.status = static_cast<Draft::Status>(status);
    m_model->setFilter(filter);
    selectOpenDraft();
}

void DraftsPage::refreshCreators()
{
    const qint64 chosen = m_creator->currentData().toLongLong();
    m_creator->clear();
    m_creator->addItem(tr("All creators"), qint64(0));
    if (m_users.user()) {
        for (const Creator &creator : m_users.user()->creators)
            m_creator->addItem(m_users.user()->creatorName(creator.id), creator.id);
    }
    const int index = m_creator->findData(chosen);
    m_creator->setCurrentIndex(index < 0 ? 0 : index);
    // One creator: nothing to choose between.
    m_creator->setVisible(m_creator->count() > 2);
    if (index < 0 && chosen != 0)
        applyFilter();
}

void DraftsPage::refreshAuthors()
{
    const qint64 chosen = m_author->currentData().toLongLong();
    m_author->clear();
    m_author->addItem(tr("Anyone"), qint64(0));
    const qint64 me = m_users.user() ? m_users.user()->id : 0;
    if (me != 0)
        m_author->addItem(tr("You"), me);
    QMap<QString, qint64> others; // by address, for a stable, readable order
    for (const Draft &draft : m_data.drafts()) {
        if (draft.authorId != me && draft.authorId != 0)
            others.insert(draft.authorEmail.isEmpty() ? tr("A former member") : draft.authorEmail, draft.authorId);
    }
    for (auto it = others.cbegin(); it != others.cend(); ++it)
        m_author->addItem(it.key(), it.value());
    const int index = m_author->findData(chosen);
    m_author->setCurrentIndex(index < 0 ? 0 : index);
    m_author->setVisible(m_author->count() > 2);
    if (index < 0 && chosen != 0)
        applyFilter();
}

void DraftsPage::refreshList()
{
    refreshAuthors();
    followStoredVersion();
    showConflict();
    const bool any = !m_data.drafts().isEmpty();
    m_empty->setVisible(!any);
    m_table->setVisible(any);
    selectOpenDraft();
}

void DraftsPage::followStoredVersion()
{
    const Draft &open = openDraft();
    // Unsaved edits are never overwritten: they are saved, and merged by the sync, instead.
    if (open.id.isEmpty() || m_autosave->state() != DraftAutosave::State::Saved)
        return;
    const QList<Draft> &drafts = m_data.drafts();
    const auto stored = std::find_if(drafts.cbegin(), drafts.cend(), [&open](const Draft &draft) { return draft.id == open.id; });
    if (stored == drafts.cend() || *stored == open)
        return;
    const bool fieldsChanged = stored->editableFields() != m_editor->draft().editableFields();
    m_autosave->open(*stored);
    // Only a version number moved (this device's own save, acknowledged): the cursor stays where it is.
    if (fieldsChanged)
        m_editor->setDraft(*stored);
}

void DraftsPage::selectOpenDraft()
{
    const QScopedValueRollback<bool> guard(m_selecting, true);
    const int row = openDraft().id.isEmpty() ? -1 : m_model->rowOf(openDraft().id);
    if (row < 0) {
        m_table->selectionModel()->clear();
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

} // namespace huntaze::ui
