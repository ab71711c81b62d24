#pragma once

#include "domain/profile.h"
#include "pages/page.h"

#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace huntaze {
class UserStore;
}

namespace huntaze::ui {

class MessageLabel;

// Edits the creator profile. Changes stay in the form until saved; Save is
// offered only when something changed, and a failed save keeps the edits.
class ProfilePage : public Page
{
    Q_OBJECT
public:
    explicit ProfilePage(UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_save; }
    QList<QAction *> secondaryActions() const override { return {m_discard}; }
    void activate() override;

    Profile editedProfile() const;
    bool hasUnsavedChanges() const;

    QLineEdit *displayNameEdit() const { return m_displayName; }
    QComboBox *nicheEdit() const { return m_niche; }
    QPlainTextEdit *audienceEdit() const { return m_audience; }
    QComboBox *toneEdit() const { return m_tone; }
    QComboBox *timeZoneEdit() const { return m_timeZone; }
    QCheckBox *platformBox(const QString &platformId) const { return m_platforms.value(platformId); }

private:
    void loadFromStore();
    void save();
    void updateActions();

    UserStore &m_users;
    QAction *m_save;
    QAction *m_discard;
    QLineEdit *m_displayName;
    QComboBox *m_niche;
    QPlainTextEdit *m_audience;
    QComboBox *m_tone;
    QComboBox *m_timeZone;
    QHash<QString, QCheckBox *> m_platforms;
    MessageLabel *m_message;
    // What the form was last loaded with: edits are measured against it, so a
    // profile saved elsewhere never counts as the user's own unsaved change.
    Profile m_loaded;
    qint64 m_loadedUserId = 0;
    bool m_saving = false;
};

} // namespace huntaze::ui
