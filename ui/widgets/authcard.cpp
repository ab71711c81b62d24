#include "authcard.h"

#include "widgets/credentialsform.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

// Enter on a focused button presses it, as Space does: outside a dialog Qt's
// buttons ignore Enter, and a keyboard user expects both to work.
class EnterPressesButton : public QPushButton
{
public:
    using QPushButton::QPushButton;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            animateClick();
            return;
        }
        QPushButton::keyPressEvent(event);
    }
};

} // namespace

AuthCard::AuthCard(const QString &title, const QString &intro, QAction *submit, QWidget *parent) : Card(title, parent)
{
    // One width, so the wrapped notes' height is computed at the width they get
    // (with a range, the card was laid out shorter than its notes and fields needed).
    setFixedWidth(420);
    auto *introLabel = makeNote(intro, this);
    introLabel->setObjectName(QStringLiteral("intro"));
    body()->addWidget(introLabel);

    m_form = new CredentialsForm(this);
    connect(m_form, &CredentialsForm::submitted, submit, &QAction::trigger);
    body()->addWidget(m_form);

    auto *button = new EnterPressesButton(submit->text(), this);
    m_submit = button;
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
    auto *link = new EnterPressesButton(text, this);
    link->setFlat(true);
    m_links.append(link);
    link->setObjectName(objectName);
    body()->addWidget(link, 0, Qt::AlignLeft);
    return link;
}

void AuthCard::orderTabs()
{
    QList<QWidget *> chain;
    for (QLineEdit *field : m_form->fieldsInOrder())
        chain.append(field);
    chain.append(m_submit);
    for (QPushButton *link : std::as_const(m_links))
        chain.append(link);
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void AuthCard::setIntro(const QString &intro)
{
    findChild<QLabel *>(QStringLiteral("intro"))->setText(intro);
}

} // namespace huntaze::ui
