#include "resetpasswordpage.h"

#include "common/async.h"
#include "pages/pageids.h"
#include "state/sessionmanager.h"
#include "style/icons.h"
#include "widgets/authcard.h"
#include "widgets/credentialsform.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

ResetPasswordPage::ResetPasswordPage(SessionManager &sessions, QWidget *parent) : Page(parent), m_sessions(sessions)
{
    m_reset = new QAction(themedIcon(QStringLiteral("sign-in")), tr("Set password and sign in"), this);
    connect(m_reset, &QAction::triggered, this, &ResetPasswordPage::submit);

    auto *card = new AuthCard(tr("Reset your password"),
                              tr("An owner or admin of your agency can give you a one-time reset code from the Team page. It works "
                                 "for a day."),
                              m_reset);
    m_form = card->form();
    m_code = m_form->addLineEdit(tr("Reset &code"), QStringLiteral("code"), true);
    m_code->setPlaceholderText(tr("HZ-…, as you were given it"));
    m_form->setPasswordField(tr("&New password"), QStringLiteral("newPassword"));
    m_confirm = m_form->addPasswordConfirmation(tr("Con&firm new password"));
    m_form->addHint(tr("Every device signed in to this account is signed out."));
    connect(card->addLink(tr("Remembered it? Sign in"), QStringLiteral("signInInstead")), &QPushButton::clicked, this,
            [this] { Q_EMIT navigationRequested(pageids::signIn); });

    card->orderTabs();
    contentLayout()->addWidget(card, 0, Qt::AlignHCenter);
    contentLayout()->addStretch(1);
}

QString ResetPasswordPage::title() const
{
    return tr("Reset password");
}

void ResetPasswordPage::activate()
{
    m_code->setFocus(Qt::OtherFocusReason);
}

void ResetPasswordPage::submit()
{
    if (m_busy)
        return;
    m_form->clearError();
    if (!m_form->confirmationMatches())
        return;
    setBusy(true);
    onFinished(m_sessions.resetPasswordAndSignIn(m_form->emailEdit()->text(), m_code->text(), m_form->passwordEdit()->text()), this,
               [this](const Result<User> &signedIn) {
                   setBusy(false);
                   if (!signedIn.ok()) {
                       m_form->showError(signedIn.error());
                       return;
                   }
                   // Spent: nothing of it stays on screen for the next person.
                   for (QLineEdit *edit : {m_code, m_form->emailEdit(), m_form->passwordEdit(), m_confirm})
                       edit->clear();
               });
}

void ResetPasswordPage::setBusy(bool busy)
{
    m_busy = busy;
    m_form->setBusy(busy);
    m_reset->setEnabled(!busy);
    m_reset->setText(busy ? tr("Setting password…") : tr("Set password and sign in"));
}

} // namespace huntaze::ui
