#pragma once

#include "pages/page.h"

class QFormLayout;
class QLabel;

namespace huntaze {
class UserStore;
}

namespace huntaze::ui {

class Card;

// The signed-in home: a welcome and the creator profile at a glance, with a
// nudge to finish the profile the AI tools rely on. Analytics come later.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_editProfile; }

    QString greeting() const;

private:
    void refresh();

    UserStore &m_users;
    QAction *m_editProfile;
    QLabel *m_greeting;
    Card *m_summary;
    QFormLayout *m_summaryRows;
    Card *m_completeProfile;
};

} // namespace huntaze::ui
