#include "authcard.h"

#include "widgets/credentialsform.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

AuthCard::AuthCard(const QString &title, const QString &intro, QAction *submit, QWidget *parent) : Card(title, parent)
{
    setMinimumWidth(400);
    setMaximumWidth(440);
    auto *introLabel = makeNote(intro, this);
    body()->addWidget(introLabel);

    m_form = new CredentialsForm(this);
    connect(m_form, &CredentialsForm::submitted, submit, &QAction::trigger);
    body()->addWidget(m_form);

    auto *button = new QPushButton(submit->text(), this);
    button->setProperty("primary", true);
    button->setObjectName(QStringLiteral("submit"));
    connect(button, &QPushButton::clicked, submit, &QAction::trigger);
    connect(submit, &QAction::changed, button, [button, submit] {
        button->setText(submit->text());
        button->setEnabled(submit->isEnabled());
    });
    body()->addWidget(button);
}

QPushButton *AuthCard::addLink(const QString &text, const QString &objectName)
{
    auto *link = new QPushButton(text, this);
    link->setFlat(true);
    link->setObjectName(objectName);
    body()->addWidget(link, 0, Qt::AlignLeft);
    return link;
}

} // namespace huntaze::ui
