#pragma once

#include "ai/messagetemplate.h"
#include "ai/restrictedwords.h"
#include "pages/page.h"

#include <QFuture>

#include <optional>

class QComboBox;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace huntaze {
class AiTools;
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// Writes personalised fan messages: a template with fields and fallbacks,
// checked as you type (syntax, unknown fields, restricted words), previewed
// for the fans you pick. Huntaze drafts and a person sends: platforms forbid
// automated messages, so the page only copies, exports or saves drafts.
class MessagesPage : public Page
{
    Q_OBJECT
public:
    MessagesPage(CreatorDataStore &data, UserStore &users, AiTools &tools, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_copy; }
    QList<QAction *> secondaryActions() const override { return {m_saveDraft, m_export}; }
    void activate() override;

    QPlainTextEdit *editor() const { return m_editor; }
    QListView *fanList() const { return m_fans; }
    // Previews show the first fans selected; copy and export take them all.
    static constexpr int maxPreviews = 50;
    QListWidget *previewList() const { return m_previews; }
    QComboBox *starters() const { return m_starters; }
    QLineEdit *goalEdit() const { return m_goal; }
    // Drafts a template for the goal with the AI provider, streaming it into the editor.
    void draftFromGoal();
    void cancelDraft();
    bool isDrafting() const { return m_drafting.isRunning(); }
    // The messages for the selected fans, in list order.
    QStringList previewTexts() const;
    // The selected fans (in list order) and their messages, up to `limit`.
    QList<QPair<QString, QString>> renderSelected(int limit) const;
    // Writes "fan,message" rows for the selected fans.
    bool exportTo(const QString &path, QString *error = nullptr) const;

private:
    void refreshFans();
    void refreshCheck();
    void refreshPreview();
    void copySelected();
    void saveDraft();
    void chooseExportFile();

    CreatorDataStore &m_data;
    UserStore &m_users;
    AiTools &m_tools;
    QLineEdit *m_goal;
    QPushButton *m_draft;
    QFuture<Result<QString>> m_drafting;
    std::optional<MessageTemplate> m_template;
    QAction *m_copy;
    QAction *m_saveDraft;
    QAction *m_export;
    QComboBox *m_starters;
    QPushButton *m_insertField;
    QPlainTextEdit *m_editor;
    MessageLabel *m_problems;
    QListView *m_fans;
    QListWidget *m_previews;
    MessageLabel *m_status;
};

} // namespace huntaze::ui
