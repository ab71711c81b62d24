#include "pricingpage.h"

#include "domain/money.h"

#include "common/async.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "widgets/card.h"

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

namespace huntaze::ui {

PricingPage::PricingPage(CreatorDataStore &data, QWidget *parent) : Page(parent), m_data(data)
{
    m_addOffers = new QAction(tr("Add paid offers"), this);
    connect(m_addOffers, &QAction::triggered, this, [this] { Q_EMIT navigationRequested(pageids::fans); });

    auto *summary = new Card(tr("Suggested price for your next paid message"));
    m_price = new QLabel(summary);
    m_price->setObjectName(QStringLiteral("suggestedPrice"));
    m_price->setStyleSheet(QStringLiteral("font-size: 28px; font-weight: 700;"));
    m_price->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_band = new QLabel(summary);
    m_band->setObjectName(QStringLiteral("priceBand"));
    m_explanation = makeNote(QString(), summary);
    m_explanation->setObjectName(QStringLiteral("pricingExplanation"));
    summary->body()->addWidget(m_price);
    summary->body()->addWidget(m_band);
    summary->body()->addWidget(m_explanation);
    contentLayout()->addWidget(summary);

    auto *curve = new Card(tr("Expected revenue per fan who receives the offer"));
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_revenue = new QLineSeries(m_chart);
    m_revenue->setName(tr("Expected revenue"));
    m_bandLow = new QLineSeries(m_chart);
    m_bandHigh = new QLineSeries(m_chart);
    m_band90 = new QAreaSeries(m_bandHigh, m_bandLow);
    m_band90->setName(tr("Likely range"));
    m_marker = new QScatterSeries(m_chart);
    m_marker->setName(tr("Suggested price"));
    m_marker->setMarkerSize(12);
    m_chart->addSeries(m_band90);
    m_chart->addSeries(m_revenue);
    m_chart->addSeries(m_marker);
    m_axisX = new QValueAxis(m_chart);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    titleAxes();
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    for (QAbstractSeries *series : m_chart->series()) {
        series->attachAxis(m_axisX);
        series->attachAxis(m_axisY);
    }
    m_chartView = new QChartView(m_chart, curve);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(320);
    m_chartView->setAccessibleName(tr("Chart of expected revenue against price"));
    curve->body()->addWidget(m_chartView);
    contentLayout()->addWidget(curve);
    contentLayout()->addStretch(1);

    connect(&m_data, &CreatorDataStore::offersChanged, this, &PricingPage::recalculate);
    connect(&m_data, &CreatorDataStore::currencyChanged, this, &PricingPage::recalculate);
    recalculate();
}

void PricingPage::activate()
{
    allowAction(m_addOffers, m_data.may(agency::Permission::ImportData));
}

QString PricingPage::title() const
{
    return tr("Pricing");
}

void PricingPage::recalculate()
{
    // The fit and its 400 samples take a few milliseconds: off the UI thread all the same.
    if (m_calculating) {
        m_dirty = true;
        return;
    }
    m_calculating = true;
    QList<OfferOutcome> history;
    for (const Offer &offer : m_data.offers())
        history.append({offer.price, offer.recipients, offer.purchases});
    onFinished(QtConcurrent::run([history, currency = m_data.currency()] {
                   PricingOptimizer optimizer;
                   optimizer.currency = currency;
                   return optimizer.recommend(history);
               }),
               this, [this](const PricingOptimizer::Recommendation &recommendation) {
                   m_calculating = false;
                   show(recommendation);
                   if (std::exchange(m_dirty, false))
                       recalculate();
               });
}

void PricingPage::titleAxes()
{
    // In the account's currency, like every amount on the page.
    const QString symbol = money::symbol(m_data.currency());
    m_axisX->setTitleText(tr("Price (%1)").arg(symbol));
    m_axisY->setTitleText(tr("Revenue per fan (%1)").arg(symbol));
}

void PricingPage::show(const PricingOptimizer::Recommendation &recommendation)
{
    m_recommendation = recommendation;
    const QLocale locale;
    const QString currency = m_data.currency();
    titleAxes();
    m_price->setText(money::format(recommendation.price, currency));
    m_band->setText(tr("Likely best between %1 and %2 · about %3 of fans buy · %4 expected per 100 fans reached")
                        .arg(money::format(recommendation.low, currency), money::format(recommendation.high, currency),
                             locale.toString(recommendation.purchaseProbability * 100.0, 'f', 1) + locale.percent(),
                             money::format(recommendation.revenuePerRecipient * 100.0, currency)));
    m_explanation->setText(recommendation.explanation);

    const bool dark = Theme::isDark();
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundVisible(false);
    m_revenue->replace(recommendation.revenueCurve);
    m_bandLow->replace(recommendation.revenueLow);
    m_bandHigh->replace(recommendation.revenueHigh);
    m_marker->replace({QPointF(recommendation.price, recommendation.revenuePerRecipient)});
    const QColor accent = palette().color(QPalette::Highlight);
    m_revenue->setPen(QPen(accent, 2.5));
    QColor fill = accent;
    fill.setAlphaF(0.18);
    m_band90->setBrush(fill);
    m_band90->setPen(Qt::NoPen);
    m_marker->setColor(QColor(0xf5, 0x9e, 0x0b));
    double top = 0;
    for (const QPointF &point : recommendation.revenueHigh)
        top = std::max(top, point.y());
    // Show the part of the curve that matters: up to about three times the likely best price.
    const double first = recommendation.revenueCurve.isEmpty() ? 0 : recommendation.revenueCurve.first().x();
    const double last = recommendation.revenueCurve.isEmpty() ? 100 : recommendation.revenueCurve.last().x();
    m_axisX->setRange(first, std::clamp(recommendation.high * 3.0, first + 10.0, last));
    m_axisX->applyNiceNumbers();
    m_axisY->setRange(0, top * 1.1 + 0.01);
    m_axisY->applyNiceNumbers();
    m_chartView->setBackgroundBrush(palette().brush(QPalette::Base));
    Q_EMIT recommendationChanged();
}

} // namespace huntaze::ui
