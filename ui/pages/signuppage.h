#pragma once

#include "pages/page.h"

class QLineEdit;

namespace huntaze {
class SessionManager;
}

namespace huntaze::ui {

class AuthCard;

class CredentialsForm;

class SignUpPage : public Page
{
    Q_OBJECT
public:
    explicit SignUpPage(SessionManager &sessions, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_create; }
    void activate() override;

    CredentialsForm *form() const { return m_form; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QLineEdit *invitationEdit() const { return m_invitation; }

private:
    void submit();
    void setBusy(bool busy);

    SessionManager &m_sessions;
    CredentialsForm *m_form;
    QLineEdit *m_displayName;
    QLineEdit *m_confirm;
    QLineEdit *m_invitation;
    AuthCard *m_card;
    QAction *m_create;
    bool m_busy = false;
};

} // namespace huntaze::ui
