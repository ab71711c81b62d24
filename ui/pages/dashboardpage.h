#pragma once

#include "pages/page.h"
#include "widgets/card.h"

class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;

namespace huntaze {
class AnalyticsStore;
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class EarningsDashboard;

// The signed-in home: a welcome, the creator's analytics for members whose
// role sees earnings (EarningsDashboard), the creator profile at a glance,
// with a nudge to finish the profile the AI tools rely on, and the drafts.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    DashboardPage(UserStore &users, CreatorDataStore &data, AnalyticsStore &analytics, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_editProfile; }
    void activate() override;

    QString greeting() const;
    QListWidget *draftList() const { return m_drafts; }
    // Offered while the creator has no fans and no offers yet.
    QWidget *demoNudge() const { return m_tryDemo; }
    EarningsDashboard *analytics() const { return m_analytics; }
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
    QPushButton *m_addDemoAgency;
    QLabel *m_demoStatus;
    QListWidget *m_drafts;
    EarningsDashboard *m_analytics;
};

} // namespace huntaze::ui
