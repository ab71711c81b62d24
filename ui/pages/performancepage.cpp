#include "performancepage.h"

#include "common/async.h"
#include "domain/money.h"
#include "models/agencytablemodels.h"
#include "models/creatortablemodels.h"
#include "pages/pageids.h"
#include "state/agencyanalyticsstore.h"
#include "state/analyticsstore.h"
#include "state/userstore.h"
#include "widgets/card.h"
#include "widgets/chartexport.h"
#include "widgets/earningsdashboard.h"
#include "widgets/keptfiguresnote.h"
#include "widgets/messagelabel.h"
#include "widgets/periodchooser.h"
#include "widgets/sparklinedelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QTableView *makeTable(QSortFilterProxyModel *sorted, const QString &name, const QString &accessibleName, QWidget *parent)
{
    sorted->setSortRole(SortRole);
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setModel(sorted);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the answer's order until a header is clicked
    table->setSortingEnabled(true);
    table->setMinimumHeight(180);
    return table;
}

} // namespace

PerformancePage::PerformancePage(AgencyAnalyticsStore &agency, AnalyticsStore &dashboard, UserStore &users, QWidget *parent)
    : Page(parent), m_agency(agency), m_dashboard(dashboard), m_users(users)
{
    auto *controls = new QHBoxLayout;
    m_period = new PeriodChooser(false, this);
    m_amount = makeAmountChooser(this);
    m_busy = new QLabel(tr("Loading…"), this);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setVisible(false);
    controls->addWidget(m_period);
    controls->addWidget(m_amount);
    controls->addWidget(m_busy);
    controls->addStretch(1);
    contentLayout()->addLayout(controls);
    m_error = new MessageLabel(this);
    contentLayout()->addWidget(m_error);
    m_kept = new KeptFiguresNote(this);
    contentLayout()->addWidget(m_kept);

    m_creatorsCard = new Card(tr("Creators"), this);
    m_creators = new AgencyCreatorsModel(this);
    m_sortedCreators = new QSortFilterProxyModel(this);
    m_sortedCreators->setSourceModel(m_creators);
    m_creatorsTable = makeTable(m_sortedCreators, QStringLiteral("creatorsTable"), tr("Creators side by side"), m_creatorsCard);
    m_creatorsTable->setItemDelegateForColumn(AgencyCreatorsModel::Trend, new SparklineDelegate(TrendRole, m_creatorsTable));
    m_creatorsCard->body()->addWidget(m_creatorsTable);
    m_creatorsCard->body()->addWidget(
        makeNote(tr("Click a column to sort. Open a creator (double-click or Enter) to see their dashboard for the same period. Shares "
                    "compare the creators paid in the same currency."),
                 m_creatorsCard));
    m_openDashboard = new QPushButton(tr("Open their dashboard"), m_creatorsCard);
    m_openDashboard->setObjectName(QStringLiteral("openDashboard"));
    m_openDashboard->setEnabled(false);
    m_creatorsCard->body()->addWidget(m_openDashboard, 0, Qt::AlignLeft);
    chartexport::addButtons(
        m_creatorsCard, QStringLiteral("creators"), [this] { return m_agency.request().range; }, {},
        [this](const QString &path, QString *error) { return chartexport::saveText(path, m_creators->toCsv(), error); }, m_error);
    contentLayout()->addWidget(m_creatorsCard);

    m_teamCard = new Card(tr("Team"), this);
    m_chattersFor = new QComboBox(m_teamCard);
    m_chattersFor->setObjectName(QStringLiteral("chattersFor"));
    m_chattersFor->setAccessibleName(tr("Team figures for"));
    m_rule = new QComboBox(m_teamCard);
    m_rule->setObjectName(QStringLiteral("attributionRule"));
    m_rule->setAccessibleName(tr("Credit sales to"));
    m_rule->addItem(tr("Credit sales to the member who sent the paid message"), QVariant::fromValue(analytics::Attribution::Sender));
    m_rule->addItem(tr("Credit sales to the members on shift"), QVariant::fromValue(analytics::Attribution::Shift));
    m_rule->addItem(tr("Credit sales to the last member who wrote to the fan"), QVariant::fromValue(analytics::Attribution::LastWriter));
    auto *forRow = new QHBoxLayout;
    forRow->addWidget(m_chattersFor);
    forRow->addWidget(m_rule);
    forRow->addStretch(1);
    m_teamCard->body()->addLayout(forRow);
    m_chatters = new AgencyChattersModel(this);
    m_sortedChatters = new QSortFilterProxyModel(this);
    m_sortedChatters->setSourceModel(m_chatters);
    m_chattersTable = makeTable(m_sortedChatters, QStringLiteral("chattersTable"), tr("Team members side by side"), m_teamCard);
    m_teamCard->body()->addWidget(m_chattersTable);
    m_noMessages
        = makeNote(tr("No team messages in this period. Import a message log on Fans & offers (Import for the Dashboard)."), m_teamCard);
    m_noMessages->setObjectName(QStringLiteral("noMessages"));
    m_teamCard->body()->addWidget(m_noMessages);
    m_attribution = makeNote(QString(), m_teamCard);
    m_attribution->setObjectName(QStringLiteral("attribution"));
    m_teamCard->body()->addWidget(m_attribution);
    chartexport::addButtons(
        m_teamCard, QStringLiteral("team"), [this] { return m_agency.request().range; }, {},
        [this](const QString &path, QString *error) { return chartexport::saveText(path, m_chatters->toCsv(), error); }, m_error);
    contentLayout()->addWidget(m_teamCard);

    m_hoursCard = new Card(tr("Reply times by hour of the day"), this);
    m_replyHours = new QTableWidget(m_hoursCard);
    m_replyHours->setObjectName(QStringLiteral("replyHours"));
    m_replyHours->setAccessibleName(tr("Median reply by team member and hour of the day"));
    m_replyHours->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_replyHours->setSelectionMode(QAbstractItemView::SingleSelection);
    m_replyHours->setColumnCount(24);
    QStringList hours;
    for (int hour = 0; hour < 24; ++hour)
        hours.append(QStringLiteral("%1").arg(hour, 2, 10, QLatin1Char('0')));
    m_replyHours->setHorizontalHeaderLabels(hours);
    m_replyHours->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_replyHours->setMinimumHeight(120);
    m_hoursCard->body()->addWidget(m_replyHours);
    m_hoursCard->body()->addWidget(
        makeNote(tr("The median wait of the answers each member sent in that hour, every creator together, in each creator's time zone. "
                    "Hover a cell for its counts."),
                 m_hoursCard));
    contentLayout()->addWidget(m_hoursCard);
    contentLayout()->addStretch(1);

    connect(m_period, &PeriodChooser::presetChosen, &m_agency, &AgencyAnalyticsStore::setPreset);
    connect(m_period, &PeriodChooser::rangeChosen, &m_agency, &AgencyAnalyticsStore::setRange);
    connect(m_amount, &QComboBox::activated, this, [this] { m_agency.setAmount(m_amount->currentData().value<analytics::Amount>()); });
    connect(m_creatorsTable, &QTableView::activated, this, [this](const QModelIndex &index) { openCreatorAt(index.row()); });
    connect(m_creatorsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_openDashboard->setEnabled(m_creatorsTable->selectionModel()->hasSelection()); });
    connect(m_openDashboard, &QPushButton::clicked, this, [this] {
        const QModelIndexList selected = m_creatorsTable->selectionModel()->selectedRows();
        if (!selected.isEmpty())
            openCreatorAt(selected.first().row());
    });
    connect(m_chattersFor, &QComboBox::activated, this, &PerformancePage::showChatters);
    connect(m_rule, &QComboBox::activated, this, [this] {
        m_rule->setEnabled(false);
        onFinished(m_agency.setAttribution(m_rule->currentData().value<analytics::Attribution>()), this, [this](const Result<void> &saved) {
            m_rule->setEnabled(m_agency.mayChooseAttribution());
            if (!saved.ok()) // the rule the figures use stays the one shown
                showAnalytics();
        });
    });
    connect(&m_agency, &AgencyAnalyticsStore::requestChanged, this, &PerformancePage::showRequest);
    connect(&m_agency, &AgencyAnalyticsStore::analyticsChanged, this, &PerformancePage::showAnalytics);
    connect(&m_agency, &AgencyAnalyticsStore::isLoadingChanged, m_busy, &QLabel::setVisible);
    connect(&m_agency, &AgencyAnalyticsStore::errorChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            m_error->clearMessage();
        else
            m_error->showMessage(tr("The figures could not be loaded: %1").arg(message), MessageLabel::Kind::Error);
    });
    showRequest();
    showAnalytics();
}

QString PerformancePage::title() const
{
    return tr("Performance");
}

void PerformancePage::activate()
{
    // Imports and other members' work change the figures: each visit shows them as they are.
    m_agency.reload();
}

void PerformancePage::showRequest()
{
    m_period->showPeriod(m_agency.preset(), m_agency.request().range);
    m_amount->setCurrentIndex(m_amount->findData(QVariant::fromValue(m_agency.request().amount)));
}

void PerformancePage::showAnalytics()
{
    const analytics::AgencyAnalytics shown = m_agency.analytics().value_or(analytics::AgencyAnalytics{});
    const bool money = !m_agency.analytics() || shown.showsMoney;
    m_kept->showFigures(shown.request.range, shown.keptAt);
    m_creatorsCard->setVisible(money);
    m_amount->setVisible(money);
    m_teamCard->setTitle(money ? tr("Team") : tr("Your messages"));
    m_creators->setRows(shown.creators);
    m_openDashboard->setEnabled(false);

    // Keep the creator chosen for the team table when it is still there.
    const qint64 chosen = m_chattersFor->currentData().toLongLong();
    QList<qint64> creatorIds;
    for (const analytics::ChatterRow &row : shown.chattersByCreator) {
        if (!creatorIds.contains(row.creatorId))
            creatorIds.append(row.creatorId);
    }
    m_chattersFor->clear();
    m_chattersFor->addItem(tr("Every creator"), qint64(0));
    for (const qint64 id : creatorIds)
        m_chattersFor->addItem(m_users.user() ? m_users.user()->creatorName(id) : QString::number(id), id);
    m_chattersFor->setCurrentIndex(std::max(0, m_chattersFor->findData(chosen)));

    m_rule->setVisible(money);
    m_rule->setEnabled(m_agency.mayChooseAttribution());
    m_rule->setCurrentIndex(std::max(0, m_rule->findData(QVariant::fromValue(shown.attribution))));
    m_attribution->setText(money ? attributionText(shown) : tr("Your own figures. Sales and earnings are for owners and admins."));
    showChatters();
    showReplyHours(shown);
}

QString PerformancePage::attributionText(const analytics::AgencyAnalytics &shown) const
{
    QString text;
    QString nobody;
    switch (shown.attribution) {
    case analytics::Attribution::Sender:
        text = tr("Sales attributed: the paid messages fans bought, credited to the member who sent them.");
        break;
    case analytics::Attribution::Shift:
        text = tr("Sales attributed: tips, paid messages and customs, credited to the members on shift for the creator when the fan "
                  "paid (shared equally when several were).");
        nobody = tr("%1 was paid while nobody was on shift.");
        break;
    case analytics::Attribution::LastWriter: {
        const int days = analytics::lastWriterWindowDays;
        text = tr("Sales attributed: tips, paid messages and customs, credited to the last member who wrote to the fan in the %n "
                  "day(s) before they paid.",
                  nullptr, days);
        nobody = tr("%1 was paid by fans nobody had written to in that time.");
        break;
    }
    }
    if (!m_agency.mayChooseAttribution())
        text += u' ' + tr("Owners and admins choose the rule.");
    for (auto it = shown.uncredited.cbegin(); it != shown.uncredited.cend(); ++it) {
        if (it.value() > 0)
            text += u' ' + nobody.arg(money::format(static_cast<double>(it.value()) / 100.0, it.key()));
    }
    return text;
}

void PerformancePage::showChatters()
{
    const analytics::AgencyAnalytics shown = m_agency.analytics().value_or(analytics::AgencyAnalytics{});
    const qint64 creatorId = m_chattersFor->currentData().toLongLong();
    QList<analytics::ChatterRow> rows;
    if (creatorId == 0) {
        rows = shown.chatters;
    } else {
        for (const analytics::ChatterRow &row : shown.chattersByCreator) {
            if (row.creatorId == creatorId)
                rows.append(row);
        }
    }
    QHash<qint64, QString> names;
    if (m_users.user()) {
        for (const Creator &creator : m_users.user()->creators)
            names.insert(creator.id, creator.profile.displayName);
    }
    m_chatters->setRows(rows, shown.showsMoney, names);
    m_chattersTable->setColumnHidden(AgencyChattersModel::Creator, creatorId == 0);
    m_chattersTable->setColumnHidden(AgencyChattersModel::Attributed, !shown.showsMoney);
    m_noMessages->setVisible(m_agency.analytics().has_value() && rows.isEmpty());
}

void PerformancePage::showReplyHours(const analytics::AgencyAnalytics &shown)
{
    QList<qint64> members;
    QHash<qint64, QString> emails;
    for (const analytics::ChatterRow &row : shown.chattersByHour) {
        if (!members.contains(row.memberId))
            members.append(row.memberId);
        emails.insert(row.memberId, row.email.isEmpty() ? tr("Member %1").arg(row.memberId) : row.email);
    }
    m_replyHours->clearContents();
    m_replyHours->setRowCount(static_cast<int>(members.size()));
    QStringList names;
    for (const qint64 member : members)
        names.append(emails.value(member));
    m_replyHours->setVerticalHeaderLabels(names);
    const QLocale locale;
    for (const analytics::ChatterRow &row : shown.chattersByHour) {
        const analytics::MessageTotals &totals = row.totals;
        const std::optional<qint64> median = totals.replies.percentileSeconds(0.5);
        const std::optional<qint64> slow = totals.replies.percentileSeconds(0.9);
        const int sent = static_cast<int>(std::min<qint64>(totals.sent, std::numeric_limits<int>::max()));
        auto *cell = new QTableWidgetItem(median ? EarningsDashboard::waitText(*median) : QString());
        cell->setTextAlignment(Qt::AlignCenter);
        cell->setToolTip(
            tr("%1, %2:00-%2:59: %n message(s) sent", nullptr, sent).arg(emails.value(row.memberId)).arg(row.hour, 2, 10, QLatin1Char('0'))
            + u'\n'
            + tr("Replies: %1, median %2, 90th percentile %3")
                  .arg(locale.toString(totals.replies.replies), median ? EarningsDashboard::waitText(*median) : QStringLiteral("–"),
                       slow ? EarningsDashboard::waitText(*slow) : QStringLiteral("–"))
            + u'\n' + tr("Paid messages: %1 sent, %2 bought").arg(locale.toString(totals.paidSent), locale.toString(totals.paidBought)));
        m_replyHours->setItem(static_cast<int>(members.indexOf(row.memberId)), row.hour, cell);
    }
    m_hoursCard->setVisible(!members.isEmpty());
}

void PerformancePage::openCreatorAt(int row)
{
    const QModelIndex index = m_sortedCreators->index(row, 0);
    if (!index.isValid())
        return;
    const qint64 creatorId = index.data(CreatorIdRole).toLongLong();
    const AgencyAnalyticsStore::Preset preset = m_agency.preset();
    const analytics::DashboardRequest request = m_agency.request();
    onFinished(m_users.selectCreator(creatorId), this, [this, preset, request](const Result<User> &selected) {
        if (!selected.ok()) {
            m_error->showMessage(selected.error().message, MessageLabel::Kind::Error);
            return;
        }
        // The dashboard picks up where this page was: the same period and amounts.
        m_dashboard.setAmount(request.amount);
        if (preset == AgencyAnalyticsStore::Preset::Custom)
            m_dashboard.setRange(request.range.from, request.range.to);
        else
            m_dashboard.setPreset(preset);
        Q_EMIT navigationRequested(pageids::dashboard);
    });
}

} // namespace huntaze::ui
