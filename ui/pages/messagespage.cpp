#include "messagespage.h"

#include "exporting/csvexport.h"
#include "models/creatortablemodels.h"

#include "ai/aitools.h"
#include "ai/fanmessagecontext.h"
#include "common/async.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace huntaze::ui {

MessagesPage::MessagesPage(CreatorDataStore &data, UserStore &users, AiTools &tools, QWidget *parent)
    : Page(parent), m_data(data), m_users(users), m_tools(tools)
{
    m_copy = new QAction(tr("Copy messages"), this);
    m_copy->setToolTip(tr("Copies the messages for the selected fans, ready to paste into the platform."));
    m_saveDraft = new QAction(themedIcon(QStringLiteral("save")), tr("Save as draft"), this);
    m_export = new QAction(tr("Export CSV…"), this);
    connect(m_copy, &QAction::triggered, this, &MessagesPage::copySelected);
    connect(m_saveDraft, &QAction::triggered, this, &MessagesPage::saveDraft);
    connect(m_export, &QAction::triggered, this, &MessagesPage::chooseExportFile);

    auto *note = makeNote(
        tr("Huntaze drafts, you send: fan platforms forbid automated messages, so nothing leaves this window on its own."), this);
    contentLayout()->addWidget(note);

    auto *writing = new Card(tr("Message template"));
    auto *toolRow = new QHBoxLayout;
    m_starters = new QComboBox(writing);
    m_starters->setAccessibleName(tr("Start from a goal"));
    m_starters->addItem(tr("Start from a goal…"));
    for (const MessageStarter &starter : messageStarters())
        m_starters->addItem(starter.title, starter.body);
    connect(m_starters, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_editor->setPlainText(m_starters->itemData(index).toString());
    });
    m_insertField = new QPushButton(tr("Insert field"), writing);
    m_insertField->setAccessibleName(tr("Insert field"));
    auto *fieldsMenu = new QMenu(m_insertField);
    for (const MessageTemplate::Variable &variable : MessageTemplate::fanVariables()) {
        QAction *insert = fieldsMenu->addAction(QStringLiteral("%1 — %2").arg(variable.name, variable.description));
        connect(insert, &QAction::triggered, this, [this, name = variable.name] {
            m_editor->insertPlainText(QStringLiteral("{{%1}}").arg(name));
            m_editor->setFocus();
        });
    }
    m_insertField->setMenu(fieldsMenu);
    toolRow->addWidget(m_starters, 1);
    toolRow->addWidget(m_insertField);
    writing->body()->addLayout(toolRow);

    auto *goalRow = new QHBoxLayout;
    m_goal = new QLineEdit(writing);
    m_goal->setAccessibleName(tr("Goal of the message"));
    m_goal->setPlaceholderText(tr("Or describe a goal, e.g. re-engage fans inactive 30 days"));
    m_draft = new QPushButton(tr("Draft it"), writing);
    m_draft->setObjectName(QStringLiteral("draftFromGoal"));
    connect(m_goal, &QLineEdit::returnPressed, this, &MessagesPage::draftFromGoal);
    connect(m_draft, &QPushButton::clicked, this, [this] { isDrafting() ? cancelDraft() : draftFromGoal(); });
    goalRow->addWidget(m_goal, 1);
    goalRow->addWidget(m_draft);
    writing->body()->addLayout(goalRow);

    m_editor = new QPlainTextEdit(writing);
    m_editor->setObjectName(QStringLiteral("templateEditor"));
    m_editor->setAccessibleName(tr("Message template"));
    m_editor->setPlaceholderText(tr("Hi {{fan.first_name|babe}}, …"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMinimumHeight(110);
    writing->body()->addWidget(m_editor);
    m_problems = new MessageLabel(writing);
    m_problems->setObjectName(QStringLiteral("templateProblems"));
    writing->body()->addWidget(m_problems);
    contentLayout()->addWidget(writing);

    auto *preview = new Card(tr("Preview"));
    auto *columns = new QHBoxLayout;
    // A view over the store's fans (nothing built per fan): 50,000 fans cost one screenful.
    m_fans = new QListView(preview);
    m_fans->setModel(new FanTableModel(m_data, m_fans));
    m_fans->setModelColumn(0);
    m_fans->setUniformItemSizes(true);
    m_fans->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fans->setAccessibleName(tr("Fans to write to"));
    m_fans->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_fans->setMaximumWidth(260);
    m_previews = new QListWidget(preview);
    m_previews->setObjectName(QStringLiteral("previews"));
    m_previews->setAccessibleName(tr("Messages for the selected fans"));
    m_previews->setWordWrap(true);
    m_previews->setSelectionMode(QAbstractItemView::NoSelection);
    m_previews->setSpacing(6);
    m_previews->setAlternatingRowColors(true);
    columns->addWidget(m_fans);
    columns->addWidget(m_previews, 1);
    preview->body()->addLayout(columns);
    m_status = new MessageLabel(preview);
    m_status->setObjectName(QStringLiteral("messageStatus"));
    preview->body()->addWidget(m_status);
    contentLayout()->addWidget(preview, 1);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &MessagesPage::refreshCheck);
    connect(m_fans->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MessagesPage::refreshPreview);
    connect(m_fans->model(), &QAbstractItemModel::modelReset, this, &MessagesPage::refreshFans);
    connect(&m_users, &UserStore::userChanged, this, &MessagesPage::refreshPreview);
    connect(&m_tools, &AiTools::restrictedWordsChanged, this, &MessagesPage::refreshCheck);
    refreshFans();
    refreshCheck();
}

void MessagesPage::draftFromGoal()
{
    const QString goal = m_goal->text().trimmed();
    if (goal.isEmpty() || isDrafting())
        return;
    m_editor->clear();
    m_draft->setText(tr("Stop"));
    m_status->showMessage(tr("Writing a draft with %1…").arg(m_tools.provider().displayName()), MessageLabel::Kind::Note);
    const Profile profile = m_users.user() ? m_users.user()->profile : Profile();
    // Tokens appear in the editor as they stream in.
    QPointer<QPlainTextEdit> editor(m_editor);
    m_drafting = m_tools.draftMessageTemplate(goal, profile, [editor](const QString &chunk) {
        if (editor) {
            editor->moveCursor(QTextCursor::End);
            editor->insertPlainText(chunk);
        }
    });
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_draft->setText(tr("Draft it"));
        const QFuture<Result<QString>> done = watcher->future();
        if (done.isCanceled() || done.resultCount() == 0) {
            m_status->showMessage(tr("Draft stopped. You can edit what arrived."), MessageLabel::Kind::Note);
            return;
        }
        const Result<QString> draft = done.result();
        if (!draft.ok()) {
            m_status->showMessage(draft.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_editor->setPlainText(draft.value());
        m_status->showMessage(m_tools.provider().isOffline() ? tr("Offline draft ready: edit it as you like.")
                                                             : tr("Draft ready: edit it as you like."),
                              MessageLabel::Kind::Note);
    });
    watcher->setFuture(m_drafting);
}

void MessagesPage::cancelDraft()
{
    if (!m_drafting.isFinished()) // see cancelUpstreamWith: never cancel a finished future on Qt 6.4
        m_drafting.cancel();
}

QString MessagesPage::title() const
{
    return tr("Fan messages");
}

void MessagesPage::refreshFans()
{
    if (m_fans->model()->rowCount() > 0)
        m_fans->selectionModel()->select(m_fans->model()->index(0, 0), QItemSelectionModel::ClearAndSelect);
    refreshPreview();
}

void MessagesPage::refreshCheck()
{
    const QString source = m_editor->toPlainText();
    QList<QTextEdit::ExtraSelection> marks;
    QStringList problems;
    MessageLabel::Kind kind = MessageLabel::Kind::Warning;

    Result<MessageTemplate> parsed = MessageTemplate::parse(source);
    if (parsed.ok()) {
        m_template = parsed.value();
    } else {
        m_template.reset();
        kind = MessageLabel::Kind::Error;
        problems.append(parsed.error().message);
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_editor->document());
        mark.cursor.setPosition(std::max(0, parsed.error().position));
        mark.cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
        if (!mark.cursor.hasSelection())
            mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(QColor(0xdc, 0x26, 0x26));
        marks.append(mark);
    }
    for (const RestrictedWords::Violation &violation : m_tools.restrictedWords().check(source)) {
        problems.append(tr("“%1”: %2").arg(source.mid(violation.start, violation.length), violation.reason));
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_editor->document());
        mark.cursor.setPosition(static_cast<int>(violation.start));
        mark.cursor.setPosition(static_cast<int>(violation.start + violation.length), QTextCursor::KeepAnchor);
        mark.format.setBackground(QColor(0xfd, 0xe6, 0x8a));
        mark.format.setForeground(QColor(0x11, 0x18, 0x27));
        mark.format.setToolTip(violation.reason);
        marks.append(mark);
    }
    m_editor->setExtraSelections(marks);
    if (problems.isEmpty())
        m_problems->clearMessage();
    else
        m_problems->showMessage(problems.join(u'\n'), kind);

    // Messages that break the template or the restricted list never leave the page.
    const bool usable = m_template.has_value() && problems.isEmpty() && !source.trimmed().isEmpty();
    m_copy->setEnabled(usable);
    m_export->setEnabled(usable);
    m_saveDraft->setEnabled(!source.trimmed().isEmpty());
    refreshPreview();
}

QList<QPair<QString, QString>> MessagesPage::renderSelected(int limit) const
{
    QList<QPair<QString, QString>> rendered;
    if (!m_template)
        return rendered;
    // The list shows the model's first column only: a selected fan is a selected cell there.
    QList<int> selected;
    for (const QModelIndex &index : m_fans->selectionModel()->selectedIndexes())
        selected.append(index.row());
    std::sort(selected.begin(), selected.end());
    const Profile creator = m_users.user() ? m_users.user()->profile : Profile();
    const QDate today = QDate::currentDate();
    const double topSpenders = topSpenderThreshold(m_data.fans());
    for (const int row : std::as_const(selected)) {
        if (rendered.size() >= limit || row >= m_data.fans().size())
            break;
        const Fan &fan = m_data.fans().at(row);
        rendered.append({fan.name, m_template->render(fanMessageValues(fan, creator, topSpenders, today, m_data.currency()))});
    }
    return rendered;
}

void MessagesPage::refreshPreview()
{
    m_previews->clear();
    for (const auto &[name, message] : renderSelected(maxPreviews)) {
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(name, message), m_previews);
        item->setData(Qt::UserRole, message);
    }
}

QStringList MessagesPage::previewTexts() const
{
    QStringList texts;
    for (const auto &[name, message] : renderSelected(INT_MAX))
        texts.append(message);
    return texts;
}

void MessagesPage::activate()
{
    allowAction(m_saveDraft, m_data.may(agency::Permission::ManageDrafts));
    allowAction(m_export, m_data.may(agency::Permission::ExportData));
}

void MessagesPage::copySelected()
{
    const QStringList texts = previewTexts();
    if (texts.isEmpty()) {
        m_status->showMessage(tr("Select at least one fan to copy their message."), MessageLabel::Kind::Warning);
        return;
    }
    QApplication::clipboard()->setText(texts.join(QStringLiteral("\n\n")));
    // What is sent in the creator's name goes to their audit log.
    m_data.recordClientEvent({audit::messagesCopied, static_cast<int>(texts.size()), m_editor->toPlainText()});
    m_status->showMessage(tr("Copied %n messages. Paste them into the platform to send.", nullptr, static_cast<int>(texts.size())),
                          MessageLabel::Kind::Note);
}

void MessagesPage::saveDraft()
{
    Draft draft;
    draft.kind = Draft::Kind::Message;
    draft.title = m_starters->currentIndex() > 0 ? m_starters->currentText() : tr("Fan message");
    draft.body = m_editor->toPlainText();
    onFinished(m_data.saveDraft(draft), this, [this](const Result<Draft> &saved) {
        if (saved.ok())
            m_status->showMessage(tr("Saved as a draft."), MessageLabel::Kind::Note);
        else
            m_status->showMessage(saved.error().message, MessageLabel::Kind::Error);
    });
}

bool MessagesPage::exportTo(const QString &path, QString *error) const
{
    QList<QStringList> rows{{QStringLiteral("fan"), QStringLiteral("message")}};
    for (const auto &[name, message] : renderSelected(INT_MAX))
        rows.append({name, message});
    const Result<void> written = csvexport::write(path, rows);
    if (!written.ok() && error)
        *error = written.error().message;
    if (written.ok())
        m_data.recordClientEvent({audit::messagesExported, static_cast<int>(rows.size() - 1), m_editor->toPlainText()});
    return written.ok();
}

void MessagesPage::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export messages"), QStringLiteral("messages.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportTo(path, &error))
        m_status->showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)), MessageLabel::Kind::Note);
    else
        m_status->showMessage(error, MessageLabel::Kind::Error);
}

} // namespace huntaze::ui
