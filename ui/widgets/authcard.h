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
    // Says where the account lives, which depends on the backend chosen after the card was made.
    void setIntro(const QString &intro);

    CredentialsForm *form() const { return m_form; }
    QPushButton *addLink(const QString &text, const QString &objectName);
    // Tab follows the screen: the fields top to bottom, the button, then the
    // links. Call once every field and link is added (fields added later
    // would otherwise come last).
    void orderTabs();

private:
    CredentialsForm *m_form;
    QPushButton *m_submit;
    QList<QPushButton *> m_links;
};

} // namespace huntaze::ui
