#pragma once

#include "widgets/card.h"

class QAction;
class QPushButton;

namespace huntaze::ui {

class CredentialsForm;

// The centred card of the sign-in and sign-up pages: a title, one line of
// introduction, the credentials form, a submit button that mirrors the page's
// primary action, and links to the other page.
class AuthCard : public Card
{
    Q_OBJECT
public:
    AuthCard(const QString &title, const QString &intro, QAction *submit, QWidget *parent = nullptr);

    CredentialsForm *form() const { return m_form; }
    QPushButton *addLink(const QString &text, const QString &objectName);

private:
    CredentialsForm *m_form;
};

} // namespace huntaze::ui
