#include "startuppage.h"

#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

StartupPage::StartupPage(QWidget *parent) : Page(parent)
{
    auto *card = new Card;
    card->setMaximumWidth(520);
    m_status = new QLabel(tr("Opening your data…"), card);
    m_status->setProperty("role", QStringLiteral("muted"));
    card->body()->addWidget(m_status);
    m_error = new MessageLabel(card);
    card->body()->addWidget(m_error);
    m_quit = new QPushButton(tr("Quit Huntaze"), card);
    m_quit->hide();
    connect(m_quit, &QPushButton::clicked, qApp, &QApplication::quit);
    card->body()->addWidget(m_quit, 0, Qt::AlignLeft);

    contentLayout()->addStretch(1);
    contentLayout()->addWidget(card, 0, Qt::AlignHCenter);
    contentLayout()->addStretch(2);
}

QString StartupPage::title() const
{
    return tr("Starting");
}

void StartupPage::showError(const QString &message)
{
    m_status->setText(tr("Huntaze cannot open your data."));
    m_error->showMessage(message, MessageLabel::Kind::Error);
    m_quit->show();
    Q_EMIT headerChanged();
}

} // namespace huntaze::ui
