#include "dashboardpage.h"

#include "common/async.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/earningsdashboard.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace huntaze::ui {

DashboardPage::DashboardPage(UserStore &users, CreatorDataStore &data, AnalyticsStore &analytics, QWidget *parent)
    : Page(parent), m_users(users), m_data(data)
{
    m_editProfile = new QAction(themedIcon(QStringLiteral("edit")), tr("Edit profile"), this);
    connect(m_editProfile, &QAction::triggered, this, [this] { Q_EMIT navigationRequested(pageids::profile); });

    m_greeting = new QLabel(this);
    m_greeting->setObjectName(QStringLiteral("greeting"));
    m_greeting->setStyleSheet(QStringLiteral("font-size: 22px; font-weight: 600;"));
    contentLayout()->addWidget(m_greeting);

    m_analytics = new EarningsDashboard(analytics, data, this);
    contentLayout()->addWidget(m_analytics);

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

    m_tryDemo = new Card(tr("Try the tools with sample data"));
    auto *demoText = new QLabel(tr("No fans or paid offers yet. Import your own on Fans & offers, or add sample data to see ideas, "
                                   "fan messages and pricing at work."),
                                m_tryDemo);
    demoText->setWordWrap(true);
    m_tryDemo->body()->addWidget(demoText);
    auto *addDemo = new QPushButton(tr("Add sample data"), m_tryDemo);
    addDemo->setObjectName(QStringLiteral("addDemoData"));
    m_addDemoAgency = new QPushButton(tr("Make a demo agency"), m_tryDemo);
    m_addDemoAgency->setObjectName(QStringLiteral("addDemoAgency"));
    m_addDemoAgency->setToolTip(tr("Two more creators and two chatters with shifts, and a year of sample earnings and "
                                   "conversations for each creator, to see the agency view at work."));
    m_demoStatus = new QLabel(m_tryDemo);
    m_demoStatus->setObjectName(QStringLiteral("demoStatus"));
    m_demoStatus->setWordWrap(true);
    m_demoStatus->hide();
    // Both add to the same empty creator: one at a time.
    const auto adding = [this, addDemo](QFuture<Result<int>> work, const QString &busy) {
        addDemo->setEnabled(false);
        m_addDemoAgency->setEnabled(false);
        m_demoStatus->setText(busy);
        m_demoStatus->show();
        onFinished(work, this, [this, addDemo](const Result<int> &added) {
            addDemo->setEnabled(true);
            m_addDemoAgency->setEnabled(true);
            m_demoStatus->setText(added.ok() ? QString() : added.error().message);
            m_demoStatus->setVisible(!added.ok());
            refreshDemoNudge();
        });
    };
    connect(addDemo, &QPushButton::clicked, this, [this, adding] { adding(m_data.addDemoData(), tr("Adding sample data…")); });
    connect(m_addDemoAgency, &QPushButton::clicked, this,
            [this, adding] { adding(m_data.addDemoAgency(), tr("Making the demo agency: a year for each of three creators…")); });
    auto *demoButtons = new QHBoxLayout;
    demoButtons->addWidget(addDemo);
    demoButtons->addWidget(m_addDemoAgency);
    demoButtons->addStretch(1);
    m_tryDemo->body()->addLayout(demoButtons);
    m_tryDemo->body()->addWidget(m_demoStatus);
    contentLayout()->addWidget(m_tryDemo);

    m_summary = new Card(tr("Your profile"));
    m_summaryRows = new QFormLayout;
    m_summaryRows->setHorizontalSpacing(24);
    m_summary->body()->addLayout(m_summaryRows);
    contentLayout()->addWidget(m_summary);

    m_draftsCard = new Card(tr("Your drafts"));
    m_drafts = new QListWidget(m_draftsCard);
    m_drafts->setObjectName(QStringLiteral("drafts"));
    m_drafts->setAccessibleName(tr("Saved drafts"));
    m_drafts->setWordWrap(true);
    m_drafts->setMinimumHeight(140);
    auto *copy = new QPushButton(tr("Copy draft"), m_draftsCard);
    copy->setEnabled(false);
    connect(copy, &QPushButton::clicked, this, &DashboardPage::copySelectedDraft);
    connect(m_drafts, &QListWidget::currentRowChanged, copy, [copy](int row) { copy->setEnabled(row >= 0); });
    connect(m_drafts, &QListWidget::itemActivated, this, &DashboardPage::copySelectedDraft);
    auto *allDrafts = new QPushButton(tr("Edit in Drafts"), m_draftsCard);
    connect(allDrafts, &QPushButton::clicked, this, [this] { Q_EMIT navigationRequested(pageids::drafts); });
    auto *draftButtons = new QHBoxLayout;
    draftButtons->addWidget(copy);
    draftButtons->addWidget(allDrafts);
    draftButtons->addStretch(1);
    m_draftsCard->body()->addWidget(m_drafts);
    m_draftsCard->body()->addLayout(draftButtons);
    contentLayout()->addWidget(m_draftsCard);
    contentLayout()->addStretch(1);
    connect(&m_data, &CreatorDataStore::draftsChanged, this, &DashboardPage::refreshDrafts);
    refreshDrafts();
    connect(&m_data, &CreatorDataStore::fansChanged, this, &DashboardPage::refreshDemoNudge);
    connect(&m_data, &CreatorDataStore::offersChanged, this, &DashboardPage::refreshDemoNudge);
    connect(&m_data, &CreatorDataStore::isLoadingChanged, this, &DashboardPage::refreshDemoNudge);
    connect(&m_users, &UserStore::userChanged, this, &DashboardPage::refreshDemoNudge);
    refreshDemoNudge();

    connect(&m_users, &UserStore::userChanged, this, &DashboardPage::refresh);
    refresh();
    // Only members whose role sees earnings get the analytics.
    connect(&m_users, &UserStore::userChanged, this, [this] { m_analytics->setVisible(m_data.seesEarnings()); });
    m_analytics->setVisible(m_data.seesEarnings());
}

void DashboardPage::activate()
{
    allowAction(m_editProfile, m_data.may(agency::Permission::EditCreatorProfile));
}

QString DashboardPage::title() const
{
    return tr("Dashboard");
}

void DashboardPage::refreshDrafts()
{
    m_drafts->clear();
    const QLocale locale;
    const qint64 creator = m_users.user() ? m_users.user()->creatorId : 0;
    // The latest few: the Drafts page has them all (an agency may keep tens of thousands).
    constexpr int shown = 20;
    for (const Draft &draft : m_data.drafts()) {
        if (m_drafts->count() == shown)
            break;
        if (draft.creatorId != creator)
            continue;
        const QString kind = draft.kind == Draft::Kind::Message ? tr("Fan message") : tr("Post");
        const QString when = locale.toString(draft.updatedAt.toLocalTime(), QLocale::ShortFormat);
        // What a post needs to go up: its caption and hashtags.
        QString text = draft.body;
        if (!draft.hashtags.isEmpty())
            text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + draft.hashtagLine();
        if (text.isEmpty())
            text = draft.notes;
        auto *item = new QListWidgetItem(tr("%1 · %2 · %3\n%4").arg(kind, draft.title, when, text.section(u'\n', 0, 0)), m_drafts);
        item->setData(Qt::UserRole, text);
    }
    m_draftsCard->setVisible(m_drafts->count() > 0);
}

void DashboardPage::refreshDemoNudge()
{
    m_tryDemo->setVisible(m_users.isSignedIn() && !m_data.isLoading() && m_data.fans().isEmpty() && m_data.offers().isEmpty());
    m_addDemoAgency->setVisible(m_data.offersDemoAgency());
}

bool DashboardPage::copySelectedDraft()
{
    const QListWidgetItem *item = m_drafts->currentItem();
    if (!item)
        return false;
    QApplication::clipboard()->setText(item->data(Qt::UserRole).toString());
    m_data.recordClientEvent({audit::draftCopied, 1, item->data(Qt::UserRole).toString()});
    return true;
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
