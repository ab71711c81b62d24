#pragma once

#include "pages/page.h"

class QLineEdit;
class QPushButton;

namespace huntaze {
class SessionManager;
} // namespace huntaze

namespace huntaze::ui {

class CredentialsForm;

class SignInPage : public Page
{
    Q_OBJECT
public:
    SignInPage(SessionManager &sessions, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_signIn; }
    void activate() override;

    CredentialsForm *form() const { return m_form; }
    QLineEdit *invitationEdit() const { return m_invitation; }
    QPushButton *resetCodeLink() const { return m_forgotten; }

private:
    void submit();
    void setBusy(bool busy);

    SessionManager &m_sessions;
    CredentialsForm *m_form;
    QLineEdit *m_invitation;
    QPushButton *m_forgotten;
    QAction *m_signIn;
    bool m_busy = false;
};

} // namespace huntaze::ui
