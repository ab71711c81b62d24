#include "dashboardpage.h"

#include "pages/pageids.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"

#include <QAction>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace huntaze::ui {

DashboardPage::DashboardPage(UserStore &users, QWidget *parent) : Page(parent), m_users(users)
{
    m_editProfile = new QAction(themedIcon(QStringLiteral("edit")), tr("Edit profile"), this);
    connect(m_editProfile, &QAction::triggered, this, [this] { Q_EMIT navigationRequested(pageids::profile); });

    m_greeting = new QLabel(this);
    m_greeting->setObjectName(QStringLiteral("greeting"));
    m_greeting->setStyleSheet(QStringLiteral("font-size: 22px; font-weight: 600;"));
    contentLayout()->addWidget(m_greeting);

    m_completeProfile = new Card(tr("Finish your creator profile"));
    auto *nudge = new QLabel(tr("Your niche, audience, tone and platforms let Huntaze tailor content ideas, captions and fan "
                                "messages to you."),
                             m_completeProfile);
    nudge->setWordWrap(true);
    m_completeProfile->body()->addWidget(nudge);
    auto *finish = new QPushButton(tr("Complete profile"), m_completeProfile);
    finish->setProperty("primary", true);
    connect(finish, &QPushButton::clicked, m_editProfile, &QAction::trigger);
    m_completeProfile->body()->addWidget(finish, 0, Qt::AlignLeft);
    contentLayout()->addWidget(m_completeProfile);

    m_summary = new Card(tr("Your profile"));
    m_summaryRows = new QFormLayout;
    m_summaryRows->setHorizontalSpacing(24);
    m_summary->body()->addLayout(m_summaryRows);
    contentLayout()->addWidget(m_summary);
    contentLayout()->addStretch(1);

    connect(&m_users, &UserStore::userChanged, this, &DashboardPage::refresh);
    refresh();
}

QString DashboardPage::title() const
{
    return tr("Dashboard");
}

QString DashboardPage::greeting() const
{
    return m_greeting->text();
}

void DashboardPage::refresh()
{
    const auto &user = m_users.user();
    if (!user) {
        m_greeting->clear();
        return;
    }
    const Profile &profile = user->profile;
    m_greeting->setText(tr("Welcome, %1").arg(profile.displayName.isEmpty() ? user->email : profile.displayName));
    m_completeProfile->setVisible(!profile.isComplete());

    while (m_summaryRows->rowCount() > 0)
        m_summaryRows->removeRow(0);
    const QString notSet = tr("Not set yet");
    auto addRow = [this, &notSet](const QString &label, const QString &value) {
        auto *text = new QLabel(value.isEmpty() ? notSet : value);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (value.isEmpty())
            text->setProperty("role", QStringLiteral("muted"));
        m_summaryRows->addRow(label, text);
    };
    QStringList platformNames;
    for (const QString &id : profile.platforms)
        platformNames.append(platforms::displayName(id));
    QString timeZone = profile.timeZone;
    if (!timeZone.isEmpty()) {
        const QDateTime local = QDateTime::currentDateTime().toTimeZone(QTimeZone(timeZone.toUtf8()));
        timeZone = tr("%1 (now %2)").arg(timeZone, QLocale().toString(local.time(), QLocale::ShortFormat));
    }
    addRow(tr("Email"), user->email);
    addRow(tr("Niche"), profile.niche);
    addRow(tr("Audience"), profile.audience);
    addRow(tr("Tone of voice"), profile.tone);
    addRow(tr("Platforms"), QLocale().createSeparatedList(platformNames));
    addRow(tr("Time zone"), timeZone);
}

} // namespace huntaze::ui
