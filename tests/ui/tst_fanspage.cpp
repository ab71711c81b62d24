#include "desktopfixture.h"
#include "layout/sidebar.h"
#include "pages/dashboardpage.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "state/analyticsstore.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/earningsdashboard.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
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
    void offersSortByValue_data();
    void offersSortByValue();
    void filterNarrowsTheFans();
    void amountsUseTheAccountsCurrency();
    void importsPostsFromCsv();

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
    QCOMPARE(page->fansTable()->model()->rowCount(), 0);
    const QString path = writeFile(QStringLiteral("fans.csv"),
                                   "\xEF\xBB\xBFname,tags,total_spend,last_purchase,last_active\n"
                                   "\"Rose, Mia\",vip;night-owl,120.50,Beach set,2026-11-01\n"
                                   "Leo,,15,,\n");
    page->importFile(FansPage::ImportKind::Fans, path);
    QTRY_COMPARE(page->fansTable()->model()->rowCount(), 2);
    QTRY_COMPARE(message(page), QStringLiteral("Imported 2 fans."));
    QVERIFY(!page->progressBar()->isVisible());
    QCOMPARE(page->fansTable()->model()->index(0, 0).data().toString(), QStringLiteral("Rose, Mia")); // biggest spender first
    QCOMPARE(page->fansTable()->model()->index(0, 1).data().toString(), QStringLiteral("vip, night-owl"));
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
    QCOMPARE(page->offersTable()->model()->rowCount(), 0);
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
    // Asked after the cancel: the database answers after anything queued before it.
    QVERIFY(test::await(m_app->core().backend().fans()).value().isEmpty());
    QVERIFY(m_app->core().creatorData().fans().isEmpty());
}

void TestFansPage::dashboardOffersSampleDataToNewcomers()
{
    auto *dashboard = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard));
    QTRY_VERIFY(dashboard->demoNudge()->isVisibleTo(dashboard));
    auto *addDemoData = dashboard->demoNudge()->findChild<QPushButton *>(QStringLiteral("addDemoData"));
    QVERIFY(test::waitUntilLaidOut(addDemoData));
    QTest::mouseClick(addDemoData, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->core().creatorData().fans().size(), 40, test::workLimitMs);
    QTRY_VERIFY(!dashboard->demoNudge()->isVisibleTo(dashboard));
    // And a year of earnings: the Dashboard's figures come alive without another click.
    AnalyticsStore &analytics = m_app->core().analytics();
    QTRY_VERIFY_WITH_TIMEOUT(!analytics.isLoading() && analytics.dashboard() && analytics.dashboard()->current.purchases > 0,
                             test::workLimitMs);
    QVERIFY(!dashboard->analytics()->emptyNote()->isVisible());
    m_app->saveScreenshot(QStringLiteral("dashboard-sample-data"));
}

void TestFansPage::demoDataFillsBothTables()
{
    FansPage *page = openPage();
    const QList<QAction *> actions = page->secondaryActions();
    QCOMPARE(actions.size(), 4); // offers, demo data, posts, and the Dashboard files in a menu
    QCOMPARE(actions.at(3)->menu()->actions().size(), 3); // statement, message log, engagement
    actions.at(1)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(page->fansTable()->model()->rowCount(), 40, test::workLimitMs);
    QTRY_COMPARE(page->offersTable()->model()->rowCount(), 24);
    QCOMPARE(message(page), QStringLiteral("Added demo fans and offers."));
    m_app->saveScreenshot(QStringLiteral("fans"));
}

void TestFansPage::dataIsPerAccount()
{
    FansPage *page = openPage();
    page->secondaryActions().at(1)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(page->fansTable()->model()->rowCount(), 40, test::workLimitMs);
    m_app->core().sessions().signOut();
    QTRY_COMPARE(page->fansTable()->model()->rowCount(), 0);
    m_app->signUp(QStringLiteral("leo@example.com"));
    // Leo's lists are loading from the moment he is signed in: wait for that, not for a time.
    QTRY_VERIFY(!m_app->core().creatorData().isLoading());
    QCOMPARE(openPage()->fansTable()->model()->rowCount(), 0);
}

void TestFansPage::offersSortByValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("titles"); // ascending
    // As text, "9 Sep" < "8 Jul"... and "$100.00" < "$20.00" < "$9.50".
    QTest::newRow("sent on") << 0 << QStringList{QStringLiteral("July"), QStringLiteral("September"), QStringLiteral("October")};
    QTest::newRow("price") << 2 << QStringList{QStringLiteral("September"), QStringLiteral("October"), QStringLiteral("July")};
    QTest::newRow("recipients") << 3 << QStringList{QStringLiteral("October"), QStringLiteral("July"), QStringLiteral("September")};
}

void TestFansPage::offersSortByValue()
{
    QFETCH(int, column);
    QFETCH(QStringList, titles);
    FansPage *page = openPage();
    page->importFile(FansPage::ImportKind::Offers,
                     writeFile(QStringLiteral("offers.csv"),
                               "title,price,recipients,purchases,sent_on\n"
                               "September,9.50,200,10,2026-09-09\n"
                               "July,100,150,1,2026-07-08\n"
                               "October,20,9,2,2026-10-07\n"));
    QTRY_COMPARE(page->offersTable()->model()->rowCount(), 3);
    page->offersTable()->horizontalHeader()->setSortIndicator(column, Qt::AscendingOrder);
    QStringList shown;
    for (int row = 0; row < 3; ++row)
        shown.append(page->offersTable()->model()->index(row, 1).data().toString());
    QCOMPARE(shown, titles);
}

void TestFansPage::filterNarrowsTheFans()
{
    FansPage *page = openPage();
    page->secondaryActions().at(1)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(page->fansTable()->model()->rowCount(), 40, test::workLimitMs);
    const auto vips = std::count_if(m_app->core().creatorData().fans().begin(), m_app->core().creatorData().fans().end(),
                                    [](const Fan &fan) { return fan.tags.contains(QStringLiteral("vip")); });
    QVERIFY(vips > 0 && vips < 40);
    QTest::keyClicks(page->fansFilter(), QStringLiteral("VIP"));
    QTRY_COMPARE(page->fansTable()->model()->rowCount(), static_cast<int>(vips));
    for (int row = 0; row < page->fansTable()->model()->rowCount(); ++row)
        QVERIFY(page->fansTable()->model()->index(row, 1).data().toString().contains(QStringLiteral("vip")));
    // The card's title says how many of how many.
    QStringList titles;
    for (QLabel *title : page->findChildren<QLabel *>(QStringLiteral("cardTitle")))
        titles.append(title->text());
    QVERIFY2(titles.contains(QStringLiteral("Fans (%1 of 40)").arg(vips)), qPrintable(titles.join(u'|')));
    page->fansFilter()->clear();
    QTRY_COMPARE(page->fansTable()->model()->rowCount(), 40);
}

void TestFansPage::amountsUseTheAccountsCurrency()
{
    FansPage *page = openPage();
    page->importFile(FansPage::ImportKind::Fans, writeFile(QStringLiteral("fans.csv"), "name,total_spend\nMia,1200.5\n"));
    QTRY_COMPARE(page->fansTable()->model()->rowCount(), 1);
    QCOMPARE(page->fansTable()->model()->index(0, 2).data().toString(), QStringLiteral("$1,200.50"));
    // Chosen in Settings, with the keyboard.
    m_app->window().showPage(pageids::settings);
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    QComboBox *currency = settings->currencyChooser();
    QCOMPARE(currency->currentData().toString(), QStringLiteral("USD"));
    currency->setFocus();
    QTest::keyClick(currency, Qt::Key_Down); // the next one: EUR
    QTRY_COMPARE(m_app->core().creatorData().currency(), QStringLiteral("EUR"));
    QCOMPARE(page->fansTable()->model()->index(0, 2).data().toString(), QStringLiteral("€1,200.50"));
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    const QString french = page->fansTable()->model()->index(0, 2).data().toString();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(french.startsWith(u'1') && french.contains(QStringLiteral("200,50")) && french.endsWith(QStringLiteral("€")),
             qPrintable(french)); // "1 200,50 €"
}

void TestFansPage::importsPostsFromCsv()
{
    FansPage *page = openPage();
    page->importFile(FansPage::ImportKind::Posts,
                     writeFile(QStringLiteral("posts.csv"), "caption,hashtags,engagement\nBeach day,#beach #summer,120\nGym,#gym,80\n"));
    QTRY_COMPARE(message(page), QStringLiteral("Imported 2 past posts."));
    // The lists reload after the import answered: the message can come first.
    QTRY_COMPARE(m_app->core().creatorData().posts().size(), 2);
    QCOMPARE(m_app->core().creatorData().posts().first().hashtags, (QStringList{QStringLiteral("beach"), QStringLiteral("summer")}));
}

QTEST_MAIN(TestFansPage)
#include "tst_fanspage.moc"
