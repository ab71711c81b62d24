#include "card.h"

#include <QLabel>
#include <QVBoxLayout>

namespace huntaze::ui {

Card::Card(const QString &title, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("card"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 24);
    layout->setSpacing(16);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("cardTitle"));
    layout->addWidget(m_title);
    m_body = new QVBoxLayout;
    m_body->setSpacing(12);
    layout->addLayout(m_body);
    setTitle(title);
}

void Card::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

QLabel *makeNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setProperty("role", QStringLiteral("muted"));
    note->setWordWrap(true);
    return note;
}

} // namespace huntaze::ui
