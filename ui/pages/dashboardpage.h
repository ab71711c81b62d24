#pragma once

#include "pages/page.h"
#include "widgets/card.h"

class QFormLayout;
class QLabel;
class QListWidget;

namespace huntaze {
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

// The signed-in home: a welcome and the creator profile at a glance, with a
// nudge to finish the profile the AI tools rely on. Analytics come later.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    DashboardPage(UserStore &users, CreatorDataStore &data, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_editProfile; }
    void activate() override;

    QString greeting() const;
    QListWidget *draftList() const { return m_drafts; }
    // Offered while the creator has no fans and no offers yet.
    QWidget *demoNudge() const { return m_tryDemo; }
    // Copies the selected draft's text; false when none is selected.
    bool copySelectedDraft();

private:
    void refresh();
    void refreshDrafts();
    void refreshDemoNudge();

    UserStore &m_users;
    QAction *m_editProfile;
    QLabel *m_greeting;
    Card *m_summary;
    QFormLayout *m_summaryRows;
    Card *m_completeProfile;
    CreatorDataStore &m_data;
    Card *m_draftsCard;
    Card *m_tryDemo;
    QListWidget *m_drafts;
};

} // namespace huntaze::ui
