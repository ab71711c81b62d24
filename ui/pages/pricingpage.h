#pragma once

#include "ai/pricingoptimizer.h"
#include "pages/page.h"

class QAreaSeries;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace huntaze {
class CreatorDataStore;
}

namespace huntaze::ui {

// The pricing optimiser for paid messages: the recommended price from the
// creator's own offer history, its uncertainty, and a chart of expected
// revenue against price with the recommendation marked.
class PricingPage : public Page
{
    Q_OBJECT
public:
    explicit PricingPage(CreatorDataStore &data, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_addOffers; }
    void activate() override;

    const PricingOptimizer::Recommendation &recommendation() const { return m_recommendation; }
    bool isCalculating() const { return m_calculating; }
    QChart *chart() const { return m_chart; }

Q_SIGNALS:
    void recommendationChanged();

private:
    void recalculate();
    void show(const PricingOptimizer::Recommendation &recommendation);

    CreatorDataStore &m_data;
    QAction *m_addOffers;
    QLabel *m_price;
    QLabel *m_band;
    QLabel *m_explanation;
    QChart *m_chart;
    QChartView *m_chartView;
    QLineSeries *m_revenue;
    QLineSeries *m_bandLow;
    QLineSeries *m_bandHigh;
    QAreaSeries *m_band90;
    QScatterSeries *m_marker;
    void titleAxes();
    QValueAxis *m_axisX;
    QValueAxis *m_axisY;
    PricingOptimizer::Recommendation m_recommendation;
    bool m_calculating = false;
    bool m_dirty = false;
};

} // namespace huntaze::ui
