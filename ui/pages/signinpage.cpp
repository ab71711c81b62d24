#include "signinpage.h"

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

SignInPage::SignInPage(SessionManager &sessions, QWidget *parent) : Page(parent), m_sessions(sessions)
{
    m_signIn = new QAction(themedIcon(QStringLiteral("sign-in")), tr("Sign in"), this);
    connect(m_signIn, &QAction::triggered, this, &SignInPage::submit);

    auto *card = new AuthCard(tr("Welcome back"), tr("Sign in to your Huntaze account on this computer."), m_signIn);
    m_form = card->form();
    m_invitation = m_form->addLineEdit(tr("&Invitation code"), QStringLiteral("invitation"));
    m_invitation->setPlaceholderText(tr("Only to join another agency"));
    connect(card->addLink(tr("New to Huntaze? Create an account"), QStringLiteral("createAccount")), &QPushButton::clicked, this,
            [this] { Q_EMIT navigationRequested(pageids::signUp); });
    m_forgotten = card->addLink(tr("Forgot your password? Use a reset code"), QStringLiteral("useResetCode"));
    connect(m_forgotten, &QPushButton::clicked, this, [this] { Q_EMIT navigationRequested(pageids::resetPassword); });

    card->orderTabs();
    contentLayout()->addWidget(card, 0, Qt::AlignHCenter);
    contentLayout()->addStretch(1);
}

QString SignInPage::title() const
{
    return tr("Sign in");
}

void SignInPage::activate()
{
    const bool invitations = m_sessions.acceptsInvitations();
    m_form->setFieldVisible(m_invitation, invitations);
    if (!invitations)
        m_invitation->clear();
    m_forgotten->setVisible(invitations); // reset codes, like invitations, come from an agency on a server
    m_form->emailEdit()->setFocus(Qt::OtherFocusReason);
}

void SignInPage::submit()
{
    if (m_busy)
        return;
    m_form->clearError();
    setBusy(true);
    onFinished(m_sessions.signIn(m_form->emailEdit()->text(), m_form->passwordEdit()->text(), m_invitation->text()), this,
               [this](const Result<User> &signedIn) {
                   setBusy(false);
                   if (!signedIn.ok()) {
                       m_form->showError(signedIn.error());
                       return;
                   }
                   m_form->passwordEdit()->clear();
                   m_invitation->clear(); // used up
               });
}

void SignInPage::setBusy(bool busy)
{
    m_busy = busy;
    m_form->setBusy(busy);
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
}

} // namespace huntaze::ui
