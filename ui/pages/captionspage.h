#pragma once

#include "ai/aitools.h"
#include "pages/page.h"

class QComboBox;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QLabel;

namespace huntaze {
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// Captions and hashtags for a post: caption variants within the platform's
// length, and hashtags ranked by what they did on the creator's own past
// posts (or by fit, without history). Copy a caption with the ticked hashtags.
class CaptionsPage : public Page
{
    Q_OBJECT
public:
    CaptionsPage(AiTools &tools, UserStore &users, CreatorDataStore &data, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_write; }
    QList<QAction *> secondaryActions() const override { return {m_copy, m_keep, m_stop}; }
    void stop();
    bool isWriting() const { return m_writing; }

    QPlainTextEdit *textEdit() const { return m_text; }
    QComboBox *platformBox() const { return m_platform; }
    QListWidget *captionList() const { return m_captions; }
    QListWidget *hashtagList() const { return m_hashtags; }
    const AiTools::Captions &result() const { return m_result; }
    // The chosen caption followed by the ticked hashtags, as copied.
    QString composedPost() const;

Q_SIGNALS:
    void captionsShown();

private:
    void write();
    void show(const AiTools::Captions &result);
    void copy();
    // Keeps the chosen caption and hashtags as a post draft (the Drafts page).
    void keep();

    AiTools &m_tools;
    UserStore &m_users;
    CreatorDataStore &m_data;
    QAction *m_write;
    QAction *m_copy;
    QAction *m_keep;
    QAction *m_stop;
    QFuture<Result<AiTools::Captions>> m_request;
    QPlainTextEdit *m_text;
    QComboBox *m_platform;
    QSpinBox *m_count;
    QListWidget *m_captions;
    QListWidget *m_hashtags;
    QLabel *m_ranking;
    MessageLabel *m_status;
    AiTools::Captions m_result;
    bool m_writing = false;
};

} // namespace huntaze::ui
