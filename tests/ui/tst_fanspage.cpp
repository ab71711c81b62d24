#include "desktopfixture.h"
#include "layout/sidebar.h"
#include "pages/dashboardpage.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "style/theme.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestFansPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importsFansFromCsv();
    void badFileImportsNothingAndSaysWhy();
    void importCanBeCancelled();
    void demoDataFillsBothTables();
    void dashboardOffersSampleDataToNewcomers();
    void dataIsPerAccount();

private:
    QString writeFile(const QString &name, const QByteArray &contents);
    FansPage *openPage();
    QString message(FansPage *page) const;

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestFansPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestFansPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
}

void TestFansPage::cleanup()
{
    m_app.reset();
}

QString TestFansPage::writeFile(const QString &name, const QByteArray &contents)
{
    QFile file(m_app->dataPath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write test file");
    file.write(contents);
    return file.fileName();
}

FansPage *TestFansPage::openPage()
{
    auto *list = m_app->window().sidebar()->findChild<QListWidget *>();
    const int row = static_cast<int>(m_app->window().sidebar()->pageIds().indexOf(pageids::fans));
    list->setCurrentRow(row);
    return qobject_cast<FansPage *>(m_app->window().page(pageids::fans));
}

QString TestFansPage::message(FansPage *page) const
{
    return page->findChild<QLabel *>(QStringLiteral("importMessage"))->text();
}

void TestFansPage::importsFansFromCsv()
{
    FansPage *page = openPage();
    QCOMPARE(m_app->window().currentPageId(), pageids::fans);
    QCOMPARE(page->fansTable()->rowCount(), 0);
    const QString path = writeFile(QStringLiteral("fans.csv"),
                                   "\xEF\xBB\xBFname,tags,total_spend,last_purchase,last_active\n"
                                   "\"Rose, Mia\",vip;night-owl,120.50,Beach set,2026-11-01\n"
                                   "Leo,,15,,\n");
    page->importFile(FansPage::ImportKind::Fans, path);
    QTRY_COMPARE(page->fansTable()->rowCount(), 2);
    QTRY_COMPARE(message(page), QStringLiteral("Imported 2 fans."));
    QVERIFY(!page->progressBar()->isVisible());
    QCOMPARE(page->fansTable()->item(0, 0)->text(), QStringLiteral("Rose, Mia")); // biggest spender first
    QCOMPARE(page->fansTable()->item(0, 1)->text(), QStringLiteral("vip, night-owl"));
    QCOMPARE(m_app->core().creatorData().fans().size(), 2);
}

void TestFansPage::badFileImportsNothingAndSaysWhy()
{
    FansPage *page = openPage();
    const QString path
        = writeFile(QStringLiteral("offers.csv"), "title,price,recipients,purchases\nGood,5,100,10\nBad,free,100,10\nWorse,5,10,50\n");
    page->importFile(FansPage::ImportKind::Offers, path);
    QTRY_VERIFY(message(page).startsWith(QStringLiteral("Nothing was imported.")));
    QVERIFY(message(page).contains(QStringLiteral("Line 3: price \"free\"")));
    QVERIFY(message(page).contains(QStringLiteral("Line 4: purchases: Purchases must be between 0 and the number of recipients (10).")));
    QCOMPARE(page->offersTable()->rowCount(), 0);
    QVERIFY(m_app->core().creatorData().offers().isEmpty());
    QVERIFY(page->primaryAction()->isEnabled());
}

void TestFansPage::importCanBeCancelled()
{
    FansPage *page = openPage();
    QByteArray big = "name,total_spend\n";
    for (int i = 0; i < 400000; ++i)
        big += "Fan " + QByteArray::number(i) + ",1\n";
    const QString path = writeFile(QStringLiteral("big.csv"), big);
    page->importFile(FansPage::ImportKind::Fans, path);
    QVERIFY(page->progressBar()->isVisible());
    QVERIFY(!page->primaryAction()->isEnabled());
    page->cancelImport();
    QTRY_COMPARE(message(page), QStringLiteral("Import cancelled. Nothing was imported."));
    QVERIFY(!page->progressBar()->isVisible());
    QVERIFY(page->primaryAction()->isEnabled());
    QTest::qWait(50);
    QVERIFY(m_app->core().creatorData().fans().isEmpty());
}

void TestFansPage::dashboardOffersSampleDataToNewcomers()
{
    auto *dashboard = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard));
    QTRY_VERIFY(dashboard->demoNudge()->isVisibleTo(dashboard));
    QTest::mouseClick(dashboard->demoNudge()->findChild<QPushButton *>(QStringLiteral("addDemoData")), Qt::LeftButton);
    QTRY_COMPARE(m_app->core().creatorData().fans().size(), 40);
    QTRY_VERIFY(!dashboard->demoNudge()->isVisibleTo(dashboard));
}

void TestFansPage::demoDataFillsBothTables()
{
    FansPage *page = openPage();
    const QList<QAction *> actions = page->secondaryActions();
    QCOMPARE(actions.size(), 3);
    actions.at(1)->trigger();
    QTRY_COMPARE(page->fansTable()->rowCount(), 40);
    QTRY_COMPARE(page->offersTable()->rowCount(), 24);
    QCOMPARE(message(page), QStringLiteral("Added demo fans and offers."));
    m_app->saveScreenshot(QStringLiteral("fans"));
}

void TestFansPage::dataIsPerAccount()
{
    FansPage *page = openPage();
    page->secondaryActions().at(1)->trigger();
    QTRY_COMPARE(page->fansTable()->rowCount(), 40);
    m_app->core().sessions().signOut();
    QTRY_COMPARE(page->fansTable()->rowCount(), 0);
    m_app->signUp(QStringLiteral("leo@example.com"));
    QTest::qWait(100);
    QCOMPARE(openPage()->fansTable()->rowCount(), 0);
}

QTEST_MAIN(TestFansPage)
#include "tst_fanspage.moc"
