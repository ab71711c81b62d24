#include "agency/shifts.h"
#include "backend/embeddedbackend.h"
#include "fakeclock.h"
#include "scriptedbackend.h"
#include "state/shiftstore.h"
#include "testutil.h"

#include <QEvent>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace huntaze;
using namespace std::chrono_literals;
using huntaze::test::await;
using huntaze::test::FakeClock;

namespace {

QDateTime utc(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

Shift shiftOf(const QString &in, const QString &out)
{
    Shift shift;
    shift.memberId = 1;
    shift.creatorId = 1;
    shift.clockedInAt = utc(in);
    shift.lastActivityAt = utc(in);
    if (!out.isEmpty())
        shift.clockedOutAt = utc(out);
    return shift;
}

ShiftSlot slotOf(int weekday, const QTime &start, int minutes, const QString &zone)
{
    ShiftSlot slot;
    slot.memberId = 1;
    slot.creatorId = 1;
    slot.weekday = weekday;
    slot.start = start;
    slot.minutes = minutes;
    slot.timeZone = zone;
    return slot;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

// The shift calls of a server: reads of the open shift answered when the
// test says, clocking in at once.
class HeldShiftBackend : public test::ScriptedBackend
{
public:
    QFuture<Result<std::optional<Shift>>> currentShift() override
    {
        auto promise = std::make_shared<QPromise<Result<std::optional<Shift>>>>();
        promise->start();
        m_reads.push_back(promise);
        return promise->future();
    }
    QFuture<Result<Shift>> clockIn() override { return readyFuture<Shift>(shiftOf(QStringLiteral("2026-11-30T09:00:00Z"), {})); }
    QFuture<Result<int>> shiftIdleMinutes() override { return readyFuture<int>(shifts::defaultIdleMinutes); }
    QFuture<Result<QList<ShiftSlot>>> shiftSchedule() override { return readyFuture<QList<ShiftSlot>>(QList<ShiftSlot>{}); }

    void answerRead(int call, const std::optional<Shift> &shift)
    {
        m_reads.at(call)->addResult(shift);
        m_reads.at(call)->finish();
    }

private:
    std::vector<std::shared_ptr<QPromise<Result<std::optional<Shift>>>>> m_reads;
};

} // namespace

class TestShifts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clockedTimeIsClippedToThePeriod_data();
    void clockedTimeIsClippedToThePeriod();
    void scheduledTimeFollowsTheSlotsTimeZone_data();
    void scheduledTimeFollowsTheSlotsTimeZone();
    void slotsFromClientsAreChecked_data();
    void slotsFromClientsAreChecked();
    void reportAddsUpPerMemberAndCreator();

    void init();
    void cleanup();
    void clockingInAndOutMakesAShift();
    void clockingOutTwiceIsAConflict();
    void clockingInForAnotherCreatorSwitches();
    void idleShiftEndsAtItsLastActivity();
    void activityKeepsTheShiftOpen();
    void scheduleIsPlannedAndCounted();
    void scheduleNeedsACreatorTheMemberWorksOn();
    void idleLimitIsKeptWithinBounds();
    void storeReportsActivityAtMostOnceAMinute();
    void storeSaysWhenTheShiftLapsed();
    void aReadAnsweredAfterClockingInDoesNotUndoIt();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    FakeClock m_clock{utc(QStringLiteral("2026-11-30T09:00:00Z"))};
    std::unique_ptr<EmbeddedBackend> m_backend;
    User m_user;
};

void TestShifts::clockedTimeIsClippedToThePeriod_data()
{
    QTest::addColumn<Shift>("shift");
    QTest::addColumn<qint64>("expected");
    // Period: 2026-11-30 00:00 to 2026-12-01 00:00 UTC; now: 2026-11-30 12:00.
    QTest::newRow("inside") << shiftOf(QStringLiteral("2026-11-30T08:00:00Z"), QStringLiteral("2026-11-30T10:30:00Z")) << qint64(9000);
    QTest::newRow("starts before") << shiftOf(QStringLiteral("2026-11-29T22:00:00Z"), QStringLiteral("2026-11-30T01:00:00Z"))
                                   << qint64(3600);
    QTest::newRow("entirely before") << shiftOf(QStringLiteral("2026-11-29T08:00:00Z"), QStringLiteral("2026-11-29T09:00:00Z"))
                                     << qint64(0);
    QTest::newRow("open, counts to now") << shiftOf(QStringLiteral("2026-11-30T11:00:00Z"), {}) << qint64(3600);
}

void TestShifts::clockedTimeIsClippedToThePeriod()
{
    QFETCH(Shift, shift);
    QFETCH(qint64, expected);
    QCOMPARE(shifts::clockedSeconds(shift, utc(QStringLiteral("2026-11-30T00:00:00Z")), utc(QStringLiteral("2026-12-01T00:00:00Z")),
                                    utc(QStringLiteral("2026-11-30T12:00:00Z"))),
             expected);
}

void TestShifts::scheduledTimeFollowsTheSlotsTimeZone_data()
{
    QTest::addColumn<ShiftSlot>("slot");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<qint64>("expected");
    const QDateTime weekFrom = utc(QStringLiteral("2026-11-30T00:00:00Z")); // a Monday
    const QDateTime weekTo = weekFrom.addDays(7);
    QTest::newRow("Monday 9 to 5, one week") << slotOf(1, QTime(9, 0), 480, QStringLiteral("Europe/Paris")) << weekFrom << weekTo
                                             << qint64(8 * 3600);
    QTest::newRow("two weeks, twice") << slotOf(3, QTime(9, 0), 60, QStringLiteral("UTC")) << weekFrom << weekTo.addDays(7)
                                      << qint64(2 * 3600);
    // Sunday 22:00 → Monday 02:00 in UTC: the half after midnight falls in the period.
    QTest::newRow("overnight from the day before")
        << slotOf(7, QTime(22, 0), 240, QStringLiteral("UTC")) << weekFrom << weekFrom.addDays(1) << qint64(2 * 3600);
    // 09:00 in Los Angeles on Monday is 17:00 UTC: outside a period that ends at 12:00 UTC.
    QTest::newRow("another zone") << slotOf(1, QTime(9, 0), 60, QStringLiteral("America/Los_Angeles")) << weekFrom
                                  << weekFrom.addSecs(12 * 3600) << qint64(0);
    // Summer time starts in Paris on Sunday 2026-03-29 at 02:00: a slot from 01:00 for
    // three hours of wall-clock minutes still lasts 180 minutes (01:00 CET → 05:00 CEST).
    QTest::newRow("summer time") << slotOf(7, QTime(1, 0), 180, QStringLiteral("Europe/Paris"))
                                 << utc(QStringLiteral("2026-03-23T00:00:00Z")) << utc(QStringLiteral("2026-03-30T00:00:00Z"))
                                 << qint64(3 * 3600);
}

void TestShifts::scheduledTimeFollowsTheSlotsTimeZone()
{
    QFETCH(ShiftSlot, slot);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(qint64, expected);
    QCOMPARE(shifts::scheduledSeconds(slot, from, to), expected);
}

void TestShifts::slotsFromClientsAreChecked_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field"); // empty: accepted
    const char *valid = R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:30","minutes":240,"timeZone":"Europe/Paris"})";
    QTest::newRow("valid") << json(valid) << QString();
    QTest::newRow("overnight, a whole day") << json(
        R"({"memberId":4,"creatorId":2,"weekday":7,"start":"23:00","minutes":1440,"timeZone":"UTC"})")
                                            << QString();
    QTest::newRow("no member") << json(R"({"creatorId":2,"weekday":1,"start":"09:30","minutes":240,"timeZone":"UTC"})")
                               << QStringLiteral("memberId");
    QTest::newRow("member as text") << json(R"({"memberId":"4","creatorId":2,"weekday":1,"start":"09:30","minutes":240,"timeZone":"UTC"})")
                                    << QStringLiteral("memberId");
    QTest::newRow("weekday 0") << json(R"({"memberId":4,"creatorId":2,"weekday":0,"start":"09:30","minutes":240,"timeZone":"UTC"})")
                               << QStringLiteral("weekday");
    QTest::newRow("weekday 8") << json(R"({"memberId":4,"creatorId":2,"weekday":8,"start":"09:30","minutes":240,"timeZone":"UTC"})")
                               << QStringLiteral("weekday");
    QTest::newRow("hour 25") << json(R"({"memberId":4,"creatorId":2,"weekday":1,"start":"25:00","minutes":240,"timeZone":"UTC"})")
                             << QStringLiteral("start");
    QTest::newRow("no minutes") << json(R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:00","minutes":0,"timeZone":"UTC"})")
                                << QStringLiteral("minutes");
    QTest::newRow("over a day") << json(R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:00","minutes":1441,"timeZone":"UTC"})")
                                << QStringLiteral("minutes");
    QTest::newRow("fraction") << json(R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:00","minutes":1.5,"timeZone":"UTC"})")
                              << QStringLiteral("minutes");
    QTest::newRow("unknown zone") << json(
        R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:00","minutes":60,"timeZone":"Mars/Olympus"})")
                                  << QStringLiteral("timeZone");
    QTest::newRow("NUL in zone") << json(R"({"memberId":4,"creatorId":2,"weekday":1,"start":"09:00","minutes":60,"timeZone":"UTC\u0000"})")
                                 << QStringLiteral("timeZone");
}

void TestShifts::slotsFromClientsAreChecked()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const Result<ShiftSlot> slot = ShiftSlot::parse(body);
    if (field.isEmpty()) {
        QVERIFY2(slot.ok(), qPrintable(slot.ok() ? QString() : slot.error().message));
        QCOMPARE(ShiftSlot::parse(slot.value().toJson()).value(), slot.value()); // what is sent reads back the same
    } else {
        QVERIFY(!slot.ok());
        QCOMPARE(slot.error().field, field);
        QVERIFY(!slot.error().message.isEmpty());
    }
}

void TestShifts::reportAddsUpPerMemberAndCreator()
{
    Shift first = shiftOf(QStringLiteral("2026-11-30T08:00:00Z"), QStringLiteral("2026-11-30T10:00:00Z"));
    first.memberEmail = QStringLiteral("zoe@example.com");
    Shift second = shiftOf(QStringLiteral("2026-12-01T08:00:00Z"), QStringLiteral("2026-12-01T09:00:00Z"));
    second.memberEmail = QStringLiteral("zoe@example.com");
    Shift other = shiftOf(QStringLiteral("2026-11-30T08:00:00Z"), QStringLiteral("2026-11-30T08:30:00Z"));
    other.memberId = 2;
    other.memberEmail = QStringLiteral("ana@example.com");
    ShiftSlot planned = slotOf(1, QTime(8, 0), 180, QStringLiteral("UTC"));
    planned.memberEmail = QStringLiteral("zoe@example.com");
    ShiftSlot unworked = slotOf(2, QTime(8, 0), 60, QStringLiteral("UTC"));
    unworked.memberId = 2;
    unworked.creatorId = 5;
    unworked.memberEmail = QStringLiteral("ana@example.com");

    const QList<HoursRow> report
        = shifts::hoursReport({first, second, other}, {planned, unworked}, utc(QStringLiteral("2026-11-30T00:00:00Z")),
                              utc(QStringLiteral("2026-12-07T00:00:00Z")), utc(QStringLiteral("2026-12-02T00:00:00Z")));
    QCOMPARE(report.size(), 3);
    // Ordered by member, then creator; a planned shift nobody clocked still shows.
    QCOMPARE(report.at(0), (HoursRow{2, QStringLiteral("ana@example.com"), 1, 1, 1800, 0}));
    QCOMPARE(report.at(1), (HoursRow{2, QStringLiteral("ana@example.com"), 5, 0, 0, 3600}));
    QCOMPARE(report.at(2), (HoursRow{1, QStringLiteral("zoe@example.com"), 1, 2, 3 * 3600, 3 * 3600}));
}

void TestShifts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_backend = std::make_unique<EmbeddedBackend>(m_dir->filePath(QStringLiteral("huntaze.sqlite")),
                                                  PasswordHasher(PasswordHasher::minimumCost()));
    m_backend->useClock(m_clock);
    QVERIFY(await(m_backend->open()).ok());
    const Result<User> user
        = await(m_backend->signUp({QStringLiteral("mia@example.com"), QStringLiteral("long enough password"), QStringLiteral("Mia Rose")}));
    QVERIFY(user.ok());
    m_user = user.value();
}

void TestShifts::cleanup()
{
    m_backend->shutdown();
    m_backend.reset();
    m_dir.reset();
}

void TestShifts::clockingInAndOutMakesAShift()
{
    QVERIFY(!await(m_backend->currentShift()).value().has_value());
    const Result<Shift> started = await(m_backend->clockIn());
    QVERIFY(started.ok());
    QCOMPARE(started.value().creatorId, m_user.creatorId);
    QCOMPARE(started.value().clockedInAt, m_clock.now());
    QCOMPARE(await(m_backend->currentShift()).value(), started.value());

    m_clock.advance(10min);
    QVERIFY(await(m_backend->recordShiftActivity()).ok());
    m_clock.advance(15min);
    const Result<Shift> ended = await(m_backend->clockOut());
    QVERIFY(ended.ok());
    QCOMPARE(ended.value().clockedOutAt, m_clock.now());
    QCOMPARE(ended.value().endedBy, shifts::endedByMember);
    QVERIFY(!await(m_backend->currentShift()).value().has_value());

    const Result<QList<HoursRow>> hours = await(m_backend->shiftHours(m_clock.now().addDays(-1), m_clock.now().addDays(1)));
    QVERIFY(hours.ok());
    QCOMPARE(hours.value().size(), 1);
    QCOMPARE(hours.value().first().clockedSeconds, qint64(25 * 60));
    QCOMPARE(hours.value().first().memberEmail, QStringLiteral("mia@example.com"));

    AuditFilter filter;
    filter.action = audit::clockedOut;
    QCOMPARE(await(m_backend->auditLog(filter)).value().size(), 1);
}

void TestShifts::clockingOutTwiceIsAConflict()
{
    QVERIFY(await(m_backend->clockIn()).ok());
    QVERIFY(await(m_backend->clockOut()).ok());
    const Result<Shift> again = await(m_backend->clockOut());
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(await(m_backend->recordShiftActivity()).error().code, ErrorCode::Conflict);
}

void TestShifts::clockingInForAnotherCreatorSwitches()
{
    const Result<Creator> second = await(m_backend->addCreator(Profile{QStringLiteral("Lola"), {}, {}, {}, {}, QStringLiteral("UTC")}));
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    const Shift first = await(m_backend->clockIn()).value();
    m_clock.advance(20min);
    // Clocking in again for the same creator keeps the same shift.
    QCOMPARE(await(m_backend->clockIn()).value().id, first.id);
    m_clock.advance(20min);
    m_backend->selectCreator(second.value().id);
    const Shift switched = await(m_backend->clockIn()).value();
    QVERIFY(switched.id != first.id);
    QCOMPARE(switched.creatorId, second.value().id);
    m_clock.advance(25min);
    QVERIFY(await(m_backend->clockOut()).ok());

    const QList<HoursRow> hours = await(m_backend->shiftHours(m_clock.now().addDays(-1), m_clock.now().addDays(1))).value();
    QCOMPARE(hours.size(), 2);
    qint64 total = 0;
    for (const HoursRow &row : hours)
        total += row.clockedSeconds;
    QCOMPARE(total, qint64(65 * 60)); // never counted twice
}

void TestShifts::idleShiftEndsAtItsLastActivity()
{
    QVERIFY(await(m_backend->clockIn()).ok());
    m_clock.advance(20min);
    QVERIFY(await(m_backend->recordShiftActivity()).ok());
    m_clock.advance(std::chrono::minutes(shifts::defaultIdleMinutes));
    QVERIFY(!await(m_backend->currentShift()).value().has_value());
    const Result<Shift> late = await(m_backend->recordShiftActivity());
    QCOMPARE(late.error().code, ErrorCode::Conflict);

    const QList<HoursRow> hours = await(m_backend->shiftHours(m_clock.now().addDays(-1), m_clock.now().addDays(1))).value();
    QCOMPARE(hours.size(), 1);
    QCOMPARE(hours.first().clockedSeconds, qint64(20 * 60)); // the idle half hour is not work
}

void TestShifts::activityKeepsTheShiftOpen()
{
    QVERIFY(await(m_backend->clockIn()).ok());
    for (int i = 0; i < 6; ++i) {
        m_clock.advance(std::chrono::minutes(shifts::defaultIdleMinutes - 1));
        QVERIFY(await(m_backend->recordShiftActivity()).ok());
    }
    const std::optional<Shift> open = await(m_backend->currentShift()).value();
    QVERIFY(open.has_value());
    QCOMPARE(open->clockedInAt.secsTo(open->lastActivityAt), qint64(6 * (shifts::defaultIdleMinutes - 1) * 60));
}

void TestShifts::scheduleIsPlannedAndCounted()
{
    ShiftSlot slot = slotOf(1, QTime(9, 0), 240, QStringLiteral("UTC"));
    slot.memberId = m_user.id;
    slot.creatorId = m_user.creatorId;
    const Result<ShiftSlot> added = await(m_backend->addShiftSlot(slot));
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QVERIFY(added.value().id != 0);
    const QList<ShiftSlot> schedule = await(m_backend->shiftSchedule()).value();
    QCOMPARE(schedule.size(), 1);
    QCOMPARE(schedule.first().memberEmail, QStringLiteral("mia@example.com"));
    QCOMPARE(schedule.first().start, QTime(9, 0));

    // 2026-11-30 is a Monday: two weeks plan 8 hours.
    const QDateTime from = utc(QStringLiteral("2026-11-30T00:00:00Z"));
    QCOMPARE(await(m_backend->shiftHours(from, from.addDays(14))).value().first().scheduledSeconds, qint64(8 * 3600));

    QVERIFY(await(m_backend->removeShiftSlot(added.value().id)).ok());
    QVERIFY(await(m_backend->shiftSchedule()).value().isEmpty());
    QCOMPARE(await(m_backend->removeShiftSlot(added.value().id)).error().code, ErrorCode::NotFound);
}

void TestShifts::scheduleNeedsACreatorTheMemberWorksOn()
{
    ShiftSlot slot = slotOf(1, QTime(9, 0), 60, QStringLiteral("UTC"));
    slot.memberId = m_user.id;
    slot.creatorId = m_user.creatorId + 1000;
    QCOMPARE(await(m_backend->addShiftSlot(slot)).error().code, ErrorCode::Forbidden);
    slot.creatorId = m_user.creatorId;
    slot.memberId = m_user.id + 1000;
    QCOMPARE(await(m_backend->addShiftSlot(slot)).error().code, ErrorCode::NotFound);
    slot.memberId = m_user.id;
    slot.timeZone = QStringLiteral("Nowhere/Else");
    QCOMPARE(await(m_backend->addShiftSlot(slot)).error().field, QStringLiteral("timeZone"));
    QVERIFY(await(m_backend->shiftSchedule()).value().isEmpty());
}

void TestShifts::idleLimitIsKeptWithinBounds()
{
    QCOMPARE(await(m_backend->shiftIdleMinutes()).value(), shifts::defaultIdleMinutes);
    QCOMPARE(await(m_backend->setShiftIdleMinutes(4)).error().field, QStringLiteral("idleMinutes"));
    QVERIFY(await(m_backend->setShiftIdleMinutes(10)).ok());
    QCOMPARE(await(m_backend->shiftIdleMinutes()).value(), 10);

    QVERIFY(await(m_backend->clockIn()).ok());
    m_clock.advance(10min);
    QVERIFY(!await(m_backend->currentShift()).value().has_value()); // the new limit applies
}

void TestShifts::storeReportsActivityAtMostOnceAMinute()
{
    ShiftStore store(*m_backend, m_clock);
    QSignalSpy changed(&store, &ShiftStore::currentChanged);
    QVERIFY(await(store.clockIn()).ok());
    QTRY_COMPARE(changed.count(), 1);
    QObject target;
    store.watchActivity(&target);

    m_clock.advance(20s);
    QEvent key(QEvent::KeyPress);
    QCoreApplication::sendEvent(&target, &key);
    // Within the minute: nothing is sent, the shift is unchanged.
    QCOMPARE(store.current()->lastActivityAt, store.current()->clockedInAt);

    m_clock.advance(50s);
    QEvent click(QEvent::MouseButtonPress);
    QCoreApplication::sendEvent(&target, &click);
    QTRY_COMPARE(store.current()->lastActivityAt, m_clock.now());
    QCOMPARE(await(m_backend->currentShift()).value()->lastActivityAt, m_clock.now());

    // Other events are not activity.
    m_clock.advance(5min);
    QEvent paint(QEvent::Paint);
    QCoreApplication::sendEvent(&target, &paint);
    QCOMPARE(await(m_backend->currentShift()).value()->lastActivityAt, m_clock.now().addSecs(-5 * 60));
}

void TestShifts::storeSaysWhenTheShiftLapsed()
{
    ShiftStore store(*m_backend, m_clock);
    QSignalSpy lapsed(&store, &ShiftStore::shiftLapsed);
    QVERIFY(await(store.clockIn()).ok());
    QTRY_VERIFY(store.current().has_value());
    m_clock.advance(std::chrono::minutes(shifts::defaultIdleMinutes + 5));
    store.noteActivity();
    QVERIFY(lapsed.wait());
    QVERIFY(!store.current().has_value());
}

void TestShifts::aReadAnsweredAfterClockingInDoesNotUndoIt()
{
    // The page reads the open shift when shown; the member clocks in before
    // that read (made when no shift was open) comes back.
    HeldShiftBackend backend;
    ShiftStore store(backend, m_clock);
    store.reload();
    QVERIFY(await(store.clockIn()).ok());
    QTRY_VERIFY(store.current().has_value());
    backend.answerRead(0, std::nullopt);
    QCoreApplication::processEvents();
    QVERIFY(store.current().has_value());
}

QTEST_GUILESS_MAIN(TestShifts)
#include "tst_shifts.moc"
