#include "signuppage.h"

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

SignUpPage::SignUpPage(SessionManager &sessions, QWidget *parent) : Page(parent), m_sessions(sessions)
{
    m_create = new QAction(themedIcon(QStringLiteral("sign-up")), tr("Create account"), this);
    connect(m_create, &QAction::triggered, this, &SignUpPage::submit);

    auto *card = new AuthCard(tr("Create your account"), QString(), m_create);
    m_card = card;
    m_form = card->form();
    m_displayName = m_form->addLineEdit(tr("&Display name"), QStringLiteral("displayName"), true);
    m_displayName->setPlaceholderText(tr("The name your fans know you by"));
    m_confirm = m_form->addPasswordConfirmation(tr("&Confirm password"));
    m_invitation = m_form->addLineEdit(tr("&Invitation code"), QStringLiteral("invitation"));
    m_invitation->setPlaceholderText(tr("Only if an agency invited you"));
    m_form->addHint(tr("Use a long passphrase you do not use elsewhere. It cannot be recovered if you forget it."));
    connect(card->addLink(tr("Already have an account? Sign in"), QStringLiteral("signInInstead")), &QPushButton::clicked, this,
            [this] { Q_EMIT navigationRequested(pageids::signIn); });

    card->orderTabs();
    contentLayout()->addWidget(card, 0, Qt::AlignHCenter);
    contentLayout()->addStretch(1);
}

QString SignUpPage::title() const
{
    return tr("Create account");
}

void SignUpPage::activate()
{
    // Invitations come from an agency on a server; this computer's data has no team.
    const bool invitations = m_sessions.acceptsInvitations();
    m_card->setIntro(invitations ? tr("Your account lives on your agency's Huntaze server. Joining an agency? Enter the invitation code "
                                      "you were given.")
                                 : tr("Your account lives on this computer. Nothing is sent anywhere."));
    m_form->setFieldVisible(m_invitation, invitations);
    if (!invitations)
        m_invitation->clear();
    m_displayName->setFocus(Qt::OtherFocusReason);
}

void SignUpPage::submit()
{
    if (m_busy)
        return;
    m_form->clearError();
    if (!m_form->confirmationMatches())
        return;
    setBusy(true);
    const SignUpRequest request{m_form->emailEdit()->text(), m_form->passwordEdit()->text(), m_displayName->text(), m_invitation->text()};
    onFinished(m_sessions.signUp(request), this, [this](const Result<User> &created) {
        setBusy(false);
        if (!created.ok()) {
            m_form->showError(created.error());
            return;
        }
        // The next person to create an account on this computer starts from a blank form.
        for (QLineEdit *edit : {m_displayName, m_form->emailEdit(), m_form->passwordEdit(), m_confirm, m_invitation})
            edit->clear();
    });
}

void SignUpPage::setBusy(bool busy)
{
    m_busy = busy;
    m_form->setBusy(busy);
    m_create->setEnabled(!busy);
    m_create->setText(busy ? tr("Creating account…") : tr("Create account"));
}

} // namespace huntaze::ui
