#include "signinpage.h"

#include "common/async.h"
#include "pages/pageids.h"
#include "state/sessionmanager.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/credentialsform.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

SignInPage::SignInPage(SessionManager &sessions, QWidget *parent) : Page(parent), m_sessions(sessions)
{
    m_signIn = new QAction(themedIcon(QStringLiteral("sign-in")), tr("Sign in"), this);
    connect(m_signIn, &QAction::triggered, this, &SignInPage::submit);

    auto *card = new Card(tr("Welcome back"));
    card->setMinimumWidth(400);
    card->setMaximumWidth(440);
    auto *intro = new QLabel(tr("Sign in to your Huntaze account on this computer."), card);
    intro->setProperty("role", QStringLiteral("muted"));
    intro->setWordWrap(true);
    card->body()->addWidget(intro);

    m_form = new CredentialsForm(card);
    connect(m_form, &CredentialsForm::submitted, this, &SignInPage::submit);
    card->body()->addWidget(m_form);

    auto *submitButton = new QPushButton(tr("Sign in"), card);
    submitButton->setProperty("primary", true);
    submitButton->setObjectName(QStringLiteral("submit"));
    connect(submitButton, &QPushButton::clicked, m_signIn, &QAction::trigger);
    connect(m_signIn, &QAction::changed, submitButton, [this, submitButton] { submitButton->setEnabled(m_signIn->isEnabled()); });
    card->body()->addWidget(submitButton);

    auto *createAccount = new QPushButton(tr("New to Huntaze? Create an account"), card);
    createAccount->setFlat(true);
    createAccount->setObjectName(QStringLiteral("createAccount"));
    connect(createAccount, &QPushButton::clicked, this, [this] { Q_EMIT navigationRequested(pageids::signUp); });
    card->body()->addWidget(createAccount, 0, Qt::AlignLeft);

    contentLayout()->addWidget(card, 0, Qt::AlignHCenter);
    contentLayout()->addStretch(1);
}

QString SignInPage::title() const
{
    return tr("Sign in");
}

void SignInPage::activate()
{
    m_form->emailEdit()->setFocus(Qt::OtherFocusReason);
}

void SignInPage::submit()
{
    if (m_busy)
        return;
    m_form->clearError();
    setBusy(true);
    onFinished(m_sessions.signIn(m_form->emailEdit()->text(), m_form->passwordEdit()->text()), this, [this](const Result<User> &signedIn) {
        setBusy(false);
        if (!signedIn.ok()) {
            m_form->showError(signedIn.error());
            return;
        }
        m_form->passwordEdit()->clear();
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
