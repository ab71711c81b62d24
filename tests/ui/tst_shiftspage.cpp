// The Shifts page (issue 10) on this computer's data, where the one local
// owner plans and clocks their own work: clocking in and out, planning the
// weekly schedule, the hours report and its CSV.
#include "desktopfixture.h"
#include "layout/sidebar.h"
#include "pages/pageids.h"
#include "pages/shiftspage.h"
#include "state/shiftstore.h"
#include "style/theme.h"
#include "uiwait.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimeEdit>

using namespace huntaze;
using namespace huntaze::ui;

class TestShiftsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theSidebarOffersShifts();
    void clockingInAndOut();
    void planningTheWeekAndReportingHours();

private:
    ShiftsPage *openPage();

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestShiftsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestShiftsPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
}

void TestShiftsPage::cleanup()
{
    m_app.reset();
}

ShiftsPage *TestShiftsPage::openPage()
{
    m_app->window().showPage(pageids::shifts);
    auto *page = qobject_cast<ShiftsPage *>(m_app->window().page(pageids::shifts));
    if (page && !test::waitUntilLaidOut(page->clockButton()))
        return nullptr;
    return page;
}

void TestShiftsPage::theSidebarOffersShifts()
{
    QVERIFY(m_app->window().sidebar()->pageIds().contains(pageids::shifts));
}

void TestShiftsPage::clockingInAndOut()
{
    ShiftsPage *page = openPage();
    QVERIFY(page);
    QTRY_VERIFY(page->statusLabel()->text().contains(QStringLiteral("not clocked in")));
    QVERIFY(page->clockButton()->text().startsWith(QStringLiteral("Clock in for ")));
    QVERIFY(!page->switchButton()->isVisible());

    QTest::mouseClick(page->clockButton(), Qt::LeftButton);
    QTRY_VERIFY(m_app->core().shifts().current().has_value());
    QTRY_VERIFY(page->statusLabel()->text().startsWith(QStringLiteral("Clocked in for ")));
    QCOMPARE(page->clockButton()->text(), QStringLiteral("Clock out"));
    QCOMPARE(m_app->core().shifts().current()->creatorId, m_app->core().users().user()->creatorId);
    // The hours report counts the open shift.
    QTRY_COMPARE(page->hoursTable()->rowCount(), 1);
    QCOMPARE(page->hoursTable()->item(0, 2)->text(), QStringLiteral("1"));

    page->clockButton()->setFocus();
    QTest::keyClick(page->clockButton(), Qt::Key_Space); // the keyboard works as well as the mouse
    QTRY_VERIFY(!m_app->core().shifts().current().has_value());
    QTRY_VERIFY(page->statusLabel()->text().contains(QStringLiteral("not clocked in")));
}

void TestShiftsPage::planningTheWeekAndReportingHours()
{
    ShiftsPage *page = openPage();
    QVERIFY(page);
    // The owner plans shifts: the planner is there, with them as a member.
    QVERIFY(page->addSlotButton()->isVisible());
    QCOMPARE(page->memberChoice()->currentText(), QStringLiteral("mia@example.com"));
    page->dayChoice()->setCurrentIndex(0); // Monday
    page->startEdit()->setTime(QTime(9, 0));
    page->endEdit()->setTime(QTime(13, 30));
    QVERIFY(test::waitUntilLaidOut(page->addSlotButton()));
    QTest::mouseClick(page->addSlotButton(), Qt::LeftButton);
    QTRY_COMPARE(page->scheduleTable()->rowCount(), 1);
    QCOMPARE(page->scheduleTable()->item(0, 0)->text(), QStringLiteral("mia@example.com"));
    QCOMPARE(page->scheduleTable()->item(0, 2)->text(), QLocale().dayName(1));

    // Two whole weeks, Monday to Sunday: nine hours planned.
    const QDate monday = QDate::currentDate().addDays(1 - QDate::currentDate().dayOfWeek());
    page->fromEdit()->setDate(monday.addDays(-7));
    page->toEdit()->setDate(monday.addDays(6));
    QTRY_VERIFY(!m_app->core().shifts().hours().isEmpty() && m_app->core().shifts().hours().first().scheduledSeconds == qint64(9 * 3600));
    QTRY_COMPARE(page->hoursTable()->rowCount(), 1);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hours.csv"));
    QString error;
    QVERIFY2(page->exportHoursTo(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());
    QVERIFY2(csv.contains(QStringLiteral(R"("member","creator","from","to","shifts","hours_clocked","hours_scheduled")")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral(R"("mia@example.com",)")) && csv.contains(QStringLiteral(R"(,"0","0.00","9.00")")),
             qPrintable(csv));

    // Removing the slot empties the schedule.
    page->scheduleTable()->selectRow(0);
    QVERIFY(page->removeSlotButton()->isEnabled());
    QVERIFY(test::waitUntilLaidOut(page->removeSlotButton()));
    QTest::mouseClick(page->removeSlotButton(), Qt::LeftButton);
    QTRY_COMPARE(page->scheduleTable()->rowCount(), 0);
}

QTEST_MAIN(TestShiftsPage)
#include "tst_shiftspage.moc"
