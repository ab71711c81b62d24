#include "earningsdashboard.h"

#include "domain/money.h"
#include "state/analyticsstore.h"
#include "state/creatordatastore.h"
#include "widgets/card.h"
#include "widgets/chartexport.h"
#include "widgets/keptfiguresnote.h"
#include "widgets/kpicard.h"
#include "widgets/messagelabel.h"
#include "widgets/periodchooser.h"
#include "widgets/timeserieschart.h"
#include "widgets/toppostschart.h"
#include "widgets/weekheatmap.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace huntaze::ui {

using analytics::Amount;
using analytics::EarningSource;
using analytics::Granularity;

namespace {

QString sourceName(EarningSource source)
{
    switch (source) {
    case EarningSource::Subscriptions: return EarningsDashboard::tr("Subscriptions");
    case EarningSource::Tips: return EarningsDashboard::tr("Tips");
    case EarningSource::Posts: return EarningsDashboard::tr("Paid posts");
    case EarningSource::Messages: return EarningsDashboard::tr("Paid messages");
    case EarningSource::Streams: return EarningsDashboard::tr("Streams");
    case EarningSource::Referrals: return EarningsDashboard::tr("Referrals");
    case EarningSource::Customs: return EarningsDashboard::tr("Customs");
    }
    return {};
}

QColor sourceColor(EarningSource source)
{
    // Distinct in light and dark themes, and for the common colour-vision deficiencies (Okabe-Ito).
    switch (source) {
    case EarningSource::Subscriptions: return QColor(0x00, 0x72, 0xB2);
    case EarningSource::Tips: return QColor(0xE6, 0x9F, 0x00);
    case EarningSource::Posts: return QColor(0x00, 0x9E, 0x73);
    case EarningSource::Messages: return QColor(0xCC, 0x79, 0xA7);
    case EarningSource::Streams: return QColor(0x56, 0xB4, 0xE9);
    case EarningSource::Referrals: return QColor(0xD5, 0x5E, 0x00);
    case EarningSource::Customs: return QColor(0x99, 0x99, 0x99);
    }
    return {};
}

std::optional<double> relative(const analytics::Change &change)
{
    return change.relative();
}

QTableWidgetItem *readOnlyItem(const QString &text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(alignment);
    return item;
}

} // namespace

QString spendSegmentName(analytics::SpendSegment segment)
{
    switch (segment) {
    case analytics::SpendSegment::Whales: return EarningsDashboard::tr("Whales (top 10%)");
    case analytics::SpendSegment::Regulars: return EarningsDashboard::tr("Regulars");
    case analytics::SpendSegment::OneTime: return EarningsDashboard::tr("One-time buyers");
    }
    return {};
}

EarningsDashboard::EarningsDashboard(AnalyticsStore &analytics, CreatorDataStore &data, QWidget *parent)
    : QWidget(parent), m_analytics(analytics), m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);

    auto *controls = new QHBoxLayout;
    m_period = new PeriodChooser(true, this);
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName(QStringLiteral("granularity"));
    m_granularity->setAccessibleName(tr("Group by"));
    m_granularity->addItem(tr("By day"), QVariant::fromValue(Granularity::Day));
    m_granularity->addItem(tr("By week"), QVariant::fromValue(Granularity::Week));
    m_granularity->addItem(tr("By month"), QVariant::fromValue(Granularity::Month));
    m_amount = makeAmountChooser(this);
    m_busy = new QLabel(tr("Loading…"), this);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setVisible(false);
    controls->addWidget(m_period);
    controls->addWidget(m_granularity);
    controls->addWidget(m_amount);
    controls->addWidget(m_busy);
    controls->addStretch(1);
    layout->addLayout(controls);

    m_error = new MessageLabel(this);
    layout->addWidget(m_error);
    m_kept = new KeptFiguresNote(this);
    layout->addWidget(m_kept);
    m_empty = makeNote(tr("No earnings in this period. Import a statement on Fans & offers, or add sample data, to see your "
                          "figures here."),
                       this);
    m_empty->setObjectName(QStringLiteral("noEarnings"));
    layout->addWidget(m_empty);

    auto *kpis = new QGridLayout;
    kpis->setSpacing(8);
    const QStringList titles{tr("Earnings"),          tr("Spenders"),         tr("Per spender"),  tr("Active subscribers"),
                             tr("New subscribers"),   tr("Lost subscribers"), tr("Renewal rate"), tr("Paid messages bought"),
                             tr("Average reply time")};
    for (int i = 0; i < KpiCount; ++i) {
        auto *card = new KpiCard(titles.at(i), this);
        m_kpis.append(card);
        kpis->addWidget(card, i / 5, i % 5);
    }
    layout->addLayout(kpis);

    auto *earningsCard = new Card(tr("Earnings by source"), this);
    m_earnings = new TimeSeriesChart(earningsCard);
    m_earnings->setObjectName(QStringLiteral("earningsChart"));
    m_earnings->setAccessibleName(tr("Earnings by source over time"));
    earningsCard->body()->addWidget(m_earnings);
    earningsCard->body()->addWidget(makeNote(tr("Drag across a chart to look closer; hover for exact figures."), earningsCard));
    chartexport::addButtons(
        earningsCard, QStringLiteral("earnings"), [this] { return m_analytics.request().range; },
        [this](const QString &path, QString *error) { return m_earnings->exportPng(path, error); },
        [this](const QString &path, QString *error) { return m_earnings->exportCsv(path, error); }, m_error);
    layout->addWidget(earningsCard);

    auto *forecastCard = new Card(tr("The next 30 days"), this);
    m_forecastSummary = new QLabel(forecastCard);
    m_forecastSummary->setObjectName(QStringLiteral("forecastSummary"));
    m_forecastSummary->setWordWrap(true);
    m_forecastSummary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    forecastCard->body()->addWidget(m_forecastSummary);
    m_forecastChart = new TimeSeriesChart(forecastCard);
    m_forecastChart->setObjectName(QStringLiteral("forecastChart"));
    m_forecastChart->setAccessibleName(tr("Expected earnings of the next 30 days with their likely range"));
    forecastCard->body()->addWidget(m_forecastChart);
    m_anomalies = new QLabel(forecastCard);
    m_anomalies->setObjectName(QStringLiteral("anomalies"));
    m_anomalies->setWordWrap(true);
    m_anomalies->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    forecastCard->body()->addWidget(m_anomalies);
    chartexport::addButtons(
        forecastCard, QStringLiteral("forecast"), [this] { return m_analytics.request().range; },
        [this](const QString &path, QString *error) { return m_forecastChart->exportPng(path, error); },
        [this](const QString &path, QString *error) { return m_forecastChart->exportCsv(path, error); }, m_error);

    auto *subscribersCard = new Card(tr("Subscribers gained and lost"), this);
    m_subscribers = new TimeSeriesChart(subscribersCard);
    m_subscribers->setObjectName(QStringLiteral("subscribersChart"));
    m_subscribers->setAccessibleName(tr("Subscribers gained and lost over time"));
    subscribersCard->body()->addWidget(m_subscribers);
    chartexport::addButtons(
        subscribersCard, QStringLiteral("subscribers"), [this] { return m_analytics.request().range; },
        [this](const QString &path, QString *error) { return m_subscribers->exportPng(path, error); },
        [this](const QString &path, QString *error) { return m_subscribers->exportCsv(path, error); }, m_error);
    layout->addWidget(subscribersCard);
    layout->addWidget(forecastCard);

    auto *heatmapCard = new Card(tr("Best times of the week"), this);
    m_heatmapMode = new QComboBox(heatmapCard);
    m_heatmapMode->setObjectName(QStringLiteral("heatmapMode"));
    m_heatmapMode->setAccessibleName(tr("Show in the heat map"));
    m_heatmapMode->addItem(tr("When fans pay"));
    m_heatmapMode->addItem(tr("When posts do best (likes and comments per post)"));
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_heatmapMode);
    modeRow->addStretch(1);
    heatmapCard->body()->addLayout(modeRow);
    m_heatmap = new WeekHeatmap(heatmapCard);
    heatmapCard->body()->addWidget(m_heatmap);
    heatmapCard->body()->addWidget(makeNote(tr("By weekday and hour in the creator's time zone: the best times to post and to have "
                                               "chatters on shift. Posts count at the hour they went up."),
                                            heatmapCard));
    layout->addWidget(heatmapCard);

    auto *topPostsCard = new Card(tr("Top posts"), this);
    m_topPosts = new TopPostsChart(topPostsCard);
    m_topPosts->setObjectName(QStringLiteral("topPostsChart"));
    topPostsCard->body()->addWidget(m_topPosts);
    topPostsCard->body()->addWidget(makeNote(tr("Posts put up in the period, by likes and comments; hover a bar for its views. Import "
                                                "an engagement export on Fans & offers to see yours."),
                                             topPostsCard));
    chartexport::addButtons(
        topPostsCard, QStringLiteral("top-posts"), [this] { return m_analytics.request().range; },
        [this](const QString &path, QString *error) { return m_topPosts->exportPng(path, error); },
        [this](const QString &path, QString *error) { return m_topPosts->exportCsv(path, error); }, m_error);
    layout->addWidget(topPostsCard);

    auto *segmentsCard = new Card(tr("Fans by spend"), this);
    m_segments = new QTableWidget(0, 4, segmentsCard);
    m_segments->setObjectName(QStringLiteral("segments"));
    m_segments->setAccessibleName(tr("Fans by spend segment"));
    m_segments->setHorizontalHeaderLabels({tr("Segment"), tr("Fans"), tr("Spent"), tr("Lifetime value")});
    m_segments->verticalHeader()->hide();
    m_segments->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_segments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_segments->setMaximumHeight(150);
    segmentsCard->body()->addWidget(m_segments);
    segmentsCard->body()->addWidget(
        makeNote(tr("Lifetime spend up to the period's last day. Whales are the tenth of paying fans who spent the most."), segmentsCard));
    layout->addWidget(segmentsCard);

    auto *cohortsCard = new Card(tr("Subscriber cohorts"), this);
    m_cohorts = new QTableWidget(0, 0, cohortsCard);
    m_cohorts->setObjectName(QStringLiteral("cohorts"));
    m_cohorts->setAccessibleName(tr("Share of each month's new subscribers still subscribing in the months after"));
    m_cohorts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_cohorts->setMinimumHeight(400); // twelve months without scrolling
    m_cohorts->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    cohortsCard->body()->addWidget(m_cohorts);
    cohortsCard->body()->addWidget(makeNote(tr("Each row: the fans who first subscribed that month, and the share who subscribed or "
                                               "renewed 1, 2, … months later."),
                                            cohortsCard));
    layout->addWidget(cohortsCard);

    connect(m_period, &PeriodChooser::presetChosen, &m_analytics, &AnalyticsStore::setPreset);
    connect(m_period, &PeriodChooser::rangeChosen, &m_analytics, &AnalyticsStore::setRange);
    connect(m_granularity, &QComboBox::activated, this,
            [this] { m_analytics.setGranularity(m_granularity->currentData().value<Granularity>()); });
    connect(m_amount, &QComboBox::activated, this, [this] { m_analytics.setAmount(m_amount->currentData().value<Amount>()); });
    for (TimeSeriesChart *chart : {m_earnings, m_subscribers}) {
        connect(chart, &TimeSeriesChart::rangeSelected, this,
                [this](const QDate &from, const QDate &to) { m_analytics.setRange(from, to); });
    }
    // One crosshair for both charts: they share their buckets.
    connect(m_earnings, &TimeSeriesChart::bucketHovered, m_subscribers, &TimeSeriesChart::setCrosshair);
    connect(m_subscribers, &TimeSeriesChart::bucketHovered, m_earnings, &TimeSeriesChart::setCrosshair);

    connect(m_heatmapMode, &QComboBox::currentIndexChanged, this,
            [this] { showHeatmap(m_analytics.dashboard().value_or(analytics::Dashboard{})); });
    connect(&m_analytics, &AnalyticsStore::requestChanged, this, &EarningsDashboard::showRequest);
    connect(&m_analytics, &AnalyticsStore::dashboardChanged, this, &EarningsDashboard::showDashboard);
    connect(&m_analytics, &AnalyticsStore::isLoadingChanged, m_busy, &QLabel::setVisible);
    connect(&m_analytics, &AnalyticsStore::errorChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            m_error->clearMessage();
        else
            m_error->showMessage(tr("The figures could not be loaded: %1").arg(message), MessageLabel::Kind::Error);
    });
    connect(&m_data, &CreatorDataStore::currencyChanged, this, &EarningsDashboard::showDashboard);
    showRequest();
    showDashboard();
}

QString EarningsDashboard::money(qint64 cents) const
{
    return money::format(static_cast<double>(cents) / 100.0, m_data.currency());
}

void EarningsDashboard::showRequest()
{
    const analytics::DashboardRequest &request = m_analytics.request();
    m_period->showPeriod(m_analytics.preset(), request.range);
    m_granularity->setCurrentIndex(m_granularity->findData(QVariant::fromValue(request.granularity)));
    m_amount->setCurrentIndex(m_amount->findData(QVariant::fromValue(request.amount)));
}

void EarningsDashboard::showDashboard()
{
    const std::optional<analytics::Dashboard> &loaded = m_analytics.dashboard();
    const analytics::Dashboard shown = loaded.value_or(analytics::Dashboard{});
    m_empty->setVisible(loaded && shown.isEmpty());
    m_kept->showFigures(shown.request.range, shown.keptAt);
    showKpis(shown);
    showCharts(shown);
    showHeatmap(shown);
    showForecast(shown);
    m_topPosts->setPosts(shown.topPosts, m_analytics.zone());
    showSegments(shown);
    showCohorts(shown);
    if (loaded && m_analytics.preset() == AnalyticsStore::Preset::AllTime) {
        // "All" resolved to the creator's first day: the date fields say which.
        m_period->showFirstDay(shown.request.range.from);
    }
}

void EarningsDashboard::showHeatmap(const analytics::Dashboard &dashboard)
{
    if (m_heatmapMode->currentIndex() == 0) {
        m_heatmap->setAccessibleName(tr("Earnings by weekday and hour"));
        m_heatmap->setData(
            dashboard.heatmap, [this](int, int, qint64 cents) { return money(cents); }, tr("No earnings in this period."));
        return;
    }
    // Shaded by the average (in tenths, so an average under one still shows); the tooltip says how many posts it rests on.
    const analytics::PostingHeatmap posting = dashboard.posting;
    analytics::WeekHeatmap tenths{};
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour)
            tenths[day][hour] = std::llround(posting.average(day, hour).value_or(0) * 10);
    }
    m_heatmap->setAccessibleName(tr("Likes and comments per post by the weekday and hour it went up"));
    m_heatmap->setData(
        tenths,
        [posting](int day, int hour, qint64) {
            const qint64 posts = posting.posts[day][hour];
            if (posts == 0)
                return tr("no posts");
            return tr("%1 likes and comments per post (%n posts)", nullptr, static_cast<int>(posts))
                .arg(QLocale().toString(posting.average(day, hour).value_or(0), 'f', 1));
        },
        tr("No posts in this period."));
}

void EarningsDashboard::showKpis(const analytics::Dashboard &dashboard)
{
    const QLocale locale;
    m_kpis[Earnings]->setFigure(money(dashboard.current.cents), relative(dashboard.earnings()));
    m_kpis[Spenders]->setFigure(locale.toString(dashboard.spenders.current), relative(dashboard.spenders));
    const std::optional<qint64> perSpender = dashboard.earningsPerSpender();
    const std::optional<qint64> before = dashboard.previousEarningsPerSpender();
    m_kpis[PerSpender]->setFigure(perSpender ? money(*perSpender) : QStringLiteral("–"),
                                  perSpender && before ? analytics::Change{*perSpender, *before}.relative() : std::nullopt);
    m_kpis[ActiveSubscribers]->setFigure(locale.toString(dashboard.activeSubscribers.current), relative(dashboard.activeSubscribers));
    m_kpis[NewSubscribers]->setFigure(locale.toString(dashboard.current.newSubscribers),
                                      analytics::Change{dashboard.current.newSubscribers, dashboard.previous.newSubscribers}.relative());
    m_kpis[LostSubscribers]->setFigure(locale.toString(dashboard.current.lostSubscribers),
                                       analytics::Change{dashboard.current.lostSubscribers, dashboard.previous.lostSubscribers}.relative(),
                                       false);
    const std::optional<double> renewal = analytics::Dashboard::renewalRate(dashboard.current);
    const std::optional<double> renewalBefore = analytics::Dashboard::renewalRate(dashboard.previous);
    m_kpis[RenewalRate]->setFigure(
        renewal ? locale.toString(*renewal * 100.0, 'f', 0) + QStringLiteral(" %") : QStringLiteral("–"),
        renewal && renewalBefore && *renewalBefore > 0 ? std::optional((*renewal - *renewalBefore) / *renewalBefore) : std::nullopt);
    const std::optional<double> bought = dashboard.messages.purchaseRate();
    const std::optional<double> boughtBefore = dashboard.previousMessages.purchaseRate();
    m_kpis[PaidMessagesBought]->setFigure(
        bought ? locale.toString(*bought * 100.0, 'f', 0) + QStringLiteral(" %") : QStringLiteral("–"),
        bought && boughtBefore && *boughtBefore > 0 ? std::optional((*bought - *boughtBefore) / *boughtBefore) : std::nullopt);
    const std::optional<qint64> wait = dashboard.messages.replies.averageSeconds();
    const std::optional<qint64> waitBefore = dashboard.previousMessages.replies.averageSeconds();
    // Shorter waits are better: a rise shows as bad news.
    m_kpis[AverageReplyTime]->setFigure(wait ? waitText(*wait) : QStringLiteral("–"),
                                        wait && waitBefore ? analytics::Change{*wait, *waitBefore}.relative() : std::nullopt, false);
}

QString EarningsDashboard::waitText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%n s", nullptr, static_cast<int>(seconds));
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return tr("%n min", nullptr, static_cast<int>(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

void EarningsDashboard::showCharts(const analytics::Dashboard &dashboard)
{
    QList<TimeSeriesChart::Series> sources;
    for (EarningSource source : analytics::allSources()) {
        const QList<qint64> values = dashboard.series.cents.value(source);
        // A source that earned nothing in the period would only crowd the legend.
        if (std::any_of(values.cbegin(), values.cend(), [](qint64 value) { return value != 0; }))
            sources.append({sourceName(source), values, sourceColor(source)});
    }
    m_earnings->setData(dashboard.series.buckets, dashboard.request.range.to, sources, true, TimeSeriesChart::Unit::Cents,
                        [this](qint64 cents) { return money(cents); });
    m_subscribers->setData(
        dashboard.series.buckets, dashboard.request.range.to,
        {{tr("Gained"), dashboard.series.gained, QColor(0x00, 0x9E, 0x73)}, {tr("Lost"), dashboard.series.lost, QColor(0xD5, 0x5E, 0x00)}},
        false, TimeSeriesChart::Unit::Count, [](qint64 count) { return QLocale().toString(count); });
}

void EarningsDashboard::showForecast(const analytics::Dashboard &dashboard)
{
    const analytics::Forecast &forecast = dashboard.forecast;
    const QLocale locale;
    if (forecast.isEmpty()) {
        m_forecastSummary->setText(tr("Not enough history for a forecast yet: it needs about 15 weeks of earnings before the "
                                      "period's last day."));
        m_forecastChart->setData({}, {}, {}, false, TimeSeriesChart::Unit::Cents, {});
    } else {
        const auto percent = [&locale](double share) { return locale.toString(share * 100, 'f', 0); };
        m_forecastSummary->setText(
            tr("%1 expected from %2 to %3 (%4 % likely between %5 and %6).")
                .arg(money(forecast.total), locale.toString(forecast.firstDay, QLocale::ShortFormat),
                     locale.toString(forecast.firstDay.addDays(forecast.expected.size() - 1), QLocale::ShortFormat),
                     percent(forecast.bandShare), money(forecast.totalLow), money(forecast.totalHigh))
            + u'\n'
            + tr("How: each day is the average day of the 28 days before, times its weekday's share of the 8 weeks before, "
                 "corrected by how far such forecasts usually missed. Measured on %n held-out 30-day windows of your own history: "
                 "their totals missed by %1 % (median), and %2 % of their days fell inside the band.",
                 nullptr, forecast.heldOutWindows)
                  .arg(percent(forecast.typicalTotalError), percent(forecast.heldOutCoverage)));
        QList<QDate> days;
        for (int h = 0; h < forecast.expected.size(); ++h)
            days.append(forecast.firstDay.addDays(h));
        const QColor band(0x99, 0x99, 0x99);
        m_forecastChart->setData(days, days.last(),
                                 {{tr("Expected"), forecast.expected, QColor(0x00, 0x72, 0xB2)},
                                  {tr("Low"), forecast.low, band},
                                  {tr("High"), forecast.high, band}},
                                 false, TimeSeriesChart::Unit::Cents, [this](qint64 cents) { return money(cents); });
    }
    QStringList flags;
    for (const analytics::Anomaly &anomaly : dashboard.anomalies) {
        const QString day = locale.toString(anomaly.day, QLocale::LongFormat);
        if (anomaly.series == analytics::Anomaly::Series::Earnings)
            flags.append(
                (anomaly.isSpike() ? tr("%1: earnings of %2, far above the usual %3.") : tr("%1: earnings of %2, far below the usual %3."))
                    .arg(day, money(anomaly.actual), money(anomaly.expected)));
        else
            flags.append(
                (anomaly.isSpike() ? tr("%1: %2 renewals, far above the usual %3.") : tr("%1: %2 renewals, far below the usual %3."))
                    .arg(day, locale.toString(anomaly.actual), locale.toString(anomaly.expected)));
    }
    m_anomalies->setText(flags.isEmpty() ? tr("No day of the period stands out from what the weeks before it predicted.")
                                         : tr("Days that stand out:") + u'\n' + flags.join(u'\n'));
}

void EarningsDashboard::showSegments(const analytics::Dashboard &dashboard)
{
    const QLocale locale;
    m_segments->setRowCount(static_cast<int>(dashboard.segments.size()));
    for (int row = 0; row < dashboard.segments.size(); ++row) {
        const analytics::SegmentSummary &segment = dashboard.segments.at(row);
        m_segments->setItem(row, 0, readOnlyItem(spendSegmentName(segment.segment), Qt::AlignLeft | Qt::AlignVCenter));
        m_segments->setItem(row, 1, readOnlyItem(locale.toString(segment.fans)));
        m_segments->setItem(row, 2, readOnlyItem(money(segment.cents)));
        m_segments->setItem(row, 3, readOnlyItem(segment.fans > 0 ? money(segment.averageCents()) : QStringLiteral("–")));
    }
}

void EarningsDashboard::showCohorts(const analytics::Dashboard &dashboard)
{
    const QLocale locale;
    const int months = dashboard.cohorts.isEmpty() ? 0 : static_cast<int>(dashboard.cohorts.first().retained.size());
    m_cohorts->clear();
    m_cohorts->setRowCount(static_cast<int>(dashboard.cohorts.size()));
    m_cohorts->setColumnCount(months + 1);
    QStringList headers{tr("New")};
    for (int later = 1; later <= months - 1; ++later)
        headers.append(tr("+%1 mo").arg(later));
    m_cohorts->setHorizontalHeaderLabels(headers);
    QStringList rows;
    const QColor full = palette().color(QPalette::Highlight);
    for (int row = 0; row < dashboard.cohorts.size(); ++row) {
        const analytics::Cohort &cohort = dashboard.cohorts.at(row);
        rows.append(locale.toString(cohort.month, QStringLiteral("MMM yyyy")));
        m_cohorts->setItem(row, 0, readOnlyItem(locale.toString(cohort.subscribers)));
        for (int later = 1; later < cohort.retained.size(); ++later) {
            const double share = cohort.share(later);
            auto *item = readOnlyItem(cohort.subscribers > 0 ? locale.toString(share * 100.0, 'f', 0) + QStringLiteral(" %")
                                                             : QStringLiteral("–"));
            QColor shade = full;
            shade.setAlphaF(static_cast<float>(0.1 + 0.6 * share));
            if (cohort.subscribers > 0)
                item->setBackground(shade);
            m_cohorts->setItem(row, later, item);
        }
    }
    m_cohorts->setVerticalHeaderLabels(rows);
}

} // namespace huntaze::ui

namespace huntaze::ui {

QComboBox *EarningsDashboard::rangeChooser() const
{
    return m_period->presetChooser();
}

QDateEdit *EarningsDashboard::fromEdit() const
{
    return m_period->fromEdit();
}

QDateEdit *EarningsDashboard::toEdit() const
{
    return m_period->toEdit();
}

} // namespace huntaze::ui
