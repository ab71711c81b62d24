#pragma once

#include "analytics/dashboard.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QDateEdit;
class QGridLayout;
class QLabel;
class QTableWidget;

namespace huntaze {
class AnalyticsStore;
class CreatorDataStore;
} // namespace huntaze

namespace huntaze::ui {

class Card;
class KpiCard;
class MessageLabel;
class KeptFiguresNote;
class PeriodChooser;
class TimeSeriesChart;
class TopPostsChart;
class WeekHeatmap;

// A spend segment as people read it ("Whales (top 10%)").
QString spendSegmentName(analytics::SpendSegment segment);

// The analytics of the Dashboard page (issue 12): range, granularity and
// gross/net, KPI cards with their change, earnings by source and subscribers
// over time (drag across either to zoom the whole page; their crosshairs move
// together), when fans pay or engage (weekday × hour), the top posts, fans by
// spend and subscriber cohorts. Every chart exports as an image and its data as CSV. It only shows what AnalyticsStore
// loaded; the loading runs off the UI thread.
class EarningsDashboard : public QWidget
{
    Q_OBJECT
public:
    EarningsDashboard(AnalyticsStore &analytics, CreatorDataStore &data, QWidget *parent = nullptr);

    enum Kpi {
        Earnings,
        Spenders,
        PerSpender,
        ActiveSubscribers,
        NewSubscribers,
        LostSubscribers,
        RenewalRate,
        PaidMessagesBought,
        AverageReplyTime,
        KpiCount
    };
    KpiCard *kpi(Kpi which) const { return m_kpis.at(which); }
    TimeSeriesChart *earningsChart() const { return m_earnings; }
    TimeSeriesChart *subscribersChart() const { return m_subscribers; }
    WeekHeatmap *heatmap() const { return m_heatmap; }
    // What the heat map shows: earnings, or likes and comments per post by the hour posts went up.
    QComboBox *heatmapChooser() const { return m_heatmapMode; }
    TopPostsChart *topPostsChart() const { return m_topPosts; }
    // The next 30 days: expected, and the band's edges; what the model is and how it was measured.
    TimeSeriesChart *forecastChart() const { return m_forecastChart; }
    QLabel *forecastSummary() const { return m_forecastSummary; }
    QLabel *anomaliesLabel() const { return m_anomalies; }
    QTableWidget *segmentsTable() const { return m_segments; }
    QTableWidget *cohortsTable() const { return m_cohorts; }
    QComboBox *rangeChooser() const;
    QComboBox *granularityChooser() const { return m_granularity; }
    QComboBox *amountChooser() const { return m_amount; }
    QDateEdit *fromEdit() const;
    QDateEdit *toEdit() const;
    QLabel *busyLabel() const { return m_busy; }
    QLabel *emptyNote() const { return m_empty; }

    // A wait as people read it: "45 s", "12 min", "2 h 05 min", "1 d 3 h".
    static QString waitText(qint64 seconds);

private:
    void showRequest();
    void showDashboard();
    void showKpis(const analytics::Dashboard &dashboard);
    void showCharts(const analytics::Dashboard &dashboard);
    void showSegments(const analytics::Dashboard &dashboard);
    void showCohorts(const analytics::Dashboard &dashboard);
    QString money(qint64 cents) const;
    void showHeatmap(const analytics::Dashboard &dashboard);
    void showForecast(const analytics::Dashboard &dashboard);

    AnalyticsStore &m_analytics;
    CreatorDataStore &m_data;
    PeriodChooser *m_period;
    QComboBox *m_granularity;
    QComboBox *m_amount;
    QLabel *m_busy;
    MessageLabel *m_error;
    KeptFiguresNote *m_kept;
    QLabel *m_empty;
    QList<KpiCard *> m_kpis;
    TimeSeriesChart *m_earnings;
    TimeSeriesChart *m_subscribers;
    WeekHeatmap *m_heatmap;
    QComboBox *m_heatmapMode;
    TopPostsChart *m_topPosts;
    TimeSeriesChart *m_forecastChart;
    QLabel *m_forecastSummary;
    QLabel *m_anomalies;
    QTableWidget *m_segments;
    QTableWidget *m_cohorts;
};

} // namespace huntaze::ui
