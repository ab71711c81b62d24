#pragma once

#include "domain/draft.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace huntaze::ui {

// The fields of one draft (issue 13): a post's title, caption, hashtags,
// platform, planned time, files and notes, or a fan message's title,
// template, audience and notes; each kind shows only its own. It edits a
// copy: draft() gives the fields as they are now, and edited() says they
// changed (never for setDraft()).
class DraftEditor : public QWidget
{
    Q_OBJECT
public:
    explicit DraftEditor(QWidget *parent = nullptr);

    void setDraft(const Draft &draft);
    Draft draft() const;
    // Adds files to a post (at most rules::maxDraftMedia in all); "Add files…" asks for them.
    void addMedia(const QStringList &files);
    // Puts `fields` (named as Draft::editableFields() names them) in as if they were typed.
    void take(const QJsonObject &fields);

    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *statusBox() const { return m_status; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QLineEdit *hashtagsEdit() const { return m_hashtags; }
    QComboBox *platformBox() const { return m_platform; }
    QCheckBox *plannedCheck() const { return m_planned; }
    QDateTimeEdit *plannedEdit() const { return m_plannedAt; }
    QListWidget *mediaList() const { return m_media; }
    QComboBox *audienceBox() const { return m_audience; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    // Why a message's template would not work ("" when it would, or for a post).
    QString templateProblem() const;

Q_SIGNALS:
    void edited();

private:
    void changed();
    void checkTemplate();
    void chooseMedia();
    void removeMedia();
    void showKind();
    void updateMediaButtons();

    Draft m_base; // what setDraft() gave: identity, kind, times
    bool m_loading = false;
    QFormLayout *m_form;
    QLabel *m_kindLabel;
    QLineEdit *m_title;
    QComboBox *m_status;
    QPlainTextEdit *m_body;
    QLabel *m_templateProblem;
    QLineEdit *m_hashtags;
    QComboBox *m_platform;
    QCheckBox *m_planned;
    QDateTimeEdit *m_plannedAt;
    QWidget *m_mediaRow;
    QListWidget *m_media;
    QPushButton *m_addMedia;
    QPushButton *m_removeMedia;
    QComboBox *m_audience;
    QPlainTextEdit *m_notes;
};

} // namespace huntaze::ui
