#pragma once

#include "pages/page.h"

class QLineEdit;

namespace huntaze {
class SessionManager;
} // namespace huntaze

namespace huntaze::ui {

class AuthCard;
class CredentialsForm;

// For a member who forgot their password: the one-time reset code an owner or
// admin of their agency issued (Team page), their email and a new password;
// then signed in with it. Reached from the sign-in page, on a server.
class ResetPasswordPage : public Page
{
    Q_OBJECT
public:
    explicit ResetPasswordPage(SessionManager &sessions, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_reset; }
    void activate() override;

    CredentialsForm *form() const { return m_form; }
    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *confirmEdit() const { return m_confirm; }

private:
    void submit();
    void setBusy(bool busy);

    SessionManager &m_sessions;
    CredentialsForm *m_form;
    QLineEdit *m_code;
    QLineEdit *m_confirm;
    QAction *m_reset;
    bool m_busy = false;
};

} // namespace huntaze::ui
