#include "desktopfixture.h"
#include "pages/pageids.h"
#include "pages/pricingpage.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"

#include <QAbstractAxis>
#include <QAction>
#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestPricingPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void withoutHistoryItSaysItIsGuessing();
    void demoHistoryGivesAMeasuredRecommendation();
    void pricesAreInTheAccountsCurrency();
    void primaryActionLeadsToImport();

private:
    PricingPage *page() const { return qobject_cast<PricingPage *>(m_app->window().page(pageids::pricing)); }
    QString label(const char *name) const { return page()->findChild<QLabel *>(QString::fromLatin1(name))->text(); }

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestPricingPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestPricingPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    m_app->window().showPage(pageids::pricing);
    QTRY_VERIFY(!page()->isCalculating());
}

void TestPricingPage::cleanup()
{
    m_app.reset();
}

void TestPricingPage::withoutHistoryItSaysItIsGuessing()
{
    QVERIFY(page()->recommendation().mostlyPrior);
    QVERIFY(label("pricingExplanation").contains(QStringLiteral("typical fan-platform prices")));
    QVERIFY(label("suggestedPrice").contains(u'$'));
}

void TestPricingPage::demoHistoryGivesAMeasuredRecommendation()
{
    QSignalSpy changed(page(), &PricingPage::recommendationChanged);
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    QTRY_COMPARE(page()->recommendation().offersUsed, 24);
    QVERIFY(changed.count() >= 1);
    const auto &recommendation = page()->recommendation();
    QVERIFY(!recommendation.mostlyPrior);
    QCOMPARE(recommendation.offersUsed, 24);
    // The demo demand curve peaks near $11.5.
    QVERIFY2(recommendation.price >= 8.5 && recommendation.price <= 14.5, qPrintable(QString::number(recommendation.price)));
    QVERIFY(label("priceBand").startsWith(QStringLiteral("Likely best between")));
    QVERIFY(label("pricingExplanation").contains(QStringLiteral("from 24 past offers")));

    // The chart shows the curve, its band and the marked recommendation.
    QLineSeries *curve = nullptr;
    QScatterSeries *marker = nullptr;
    for (QAbstractSeries *series : page()->chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(series); line && series->name() == QStringLiteral("Expected revenue"))
            curve = line;
        if (auto *scatter = qobject_cast<QScatterSeries *>(series))
            marker = scatter;
    }
    QVERIFY(curve && marker);
    QCOMPARE(curve->count(), recommendation.revenueCurve.size());
    QCOMPARE(marker->count(), 1);
    QCOMPARE(marker->at(0).x(), recommendation.price);
    m_app->saveScreenshot(QStringLiteral("pricing"));
}

void TestPricingPage::pricesAreInTheAccountsCurrency()
{
    QVERIFY(test::await(m_app->core().creatorData().saveCurrency(QStringLiteral("EUR"))).ok());
    QTRY_VERIFY(label("suggestedPrice").contains(QStringLiteral("€")));
    for (QAbstractAxis *axis : page()->chart()->axes()) {
        if (axis->orientation() == Qt::Horizontal)
            QCOMPARE(axis->titleText(), QStringLiteral("Price (€)"));
    }
}

void TestPricingPage::primaryActionLeadsToImport()
{
    page()->primaryAction()->trigger();
    QCOMPARE(m_app->window().currentPageId(), pageids::fans);
}

QTEST_MAIN(TestPricingPage)
#include "tst_pricingpage.moc"
