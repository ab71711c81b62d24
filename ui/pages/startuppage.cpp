#include "startuppage.h"

#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QApplication>
#include <QHBoxLayout>
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
    m_retry = new QPushButton(tr("&Try again"), card);
    m_retry->setObjectName(QStringLiteral("retryStart"));
    m_settings = new QPushButton(tr("Open &settings"), card);
    m_settings->setObjectName(QStringLiteral("settingsFromStart"));
    m_settings->setAccessibleName(tr("Open settings, for example to keep your data on this computer"));
    m_quit = new QPushButton(tr("Quit Huntaze"), card);
    connect(m_retry, &QPushButton::clicked, this, &StartupPage::retryRequested);
    connect(m_settings, &QPushButton::clicked, this, &StartupPage::settingsRequested);
    connect(m_quit, &QPushButton::clicked, qApp, &QApplication::quit);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_retry, m_settings, m_quit}) {
        button->hide();
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    card->body()->addLayout(buttons);

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
    for (QPushButton *button : {m_retry, m_settings, m_quit})
        button->show();
    m_retry->setFocus();
    Q_EMIT headerChanged();
}

void StartupPage::showOpening()
{
    m_status->setText(tr("Opening your data…"));
    m_error->clearMessage();
    for (QPushButton *button : {m_retry, m_settings, m_quit})
        button->hide();
    Q_EMIT headerChanged();
}

} // namespace huntaze::ui
