// LocalHours (analytics/localhours.h) gives every instant the day and hour
// QDateTime::toTimeZone() gives it, in zones with summer time, half-hour and
// quarter-hour offsets, none, and at the instants their offsets change.
#include "analytics/earnings.h"
#include "analytics/localhours.h"

#include <QRandomGenerator>
#include <QTest>

using namespace huntaze::analytics;

class TestLocalHours : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void agreesWithQtAtRandomInstants_data();
    void agreesWithQtAtRandomInstants();
    void agreesWithQtAroundEachTransition_data();
    void agreesWithQtAroundEachTransition();
    void anInvalidZoneIsUtc();

private:
    static void zones();
};

void TestLocalHours::zones()
{
    QTest::addColumn<QByteArray>("zone");
    for (const char *zone : {"Europe/Paris", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu",
                             "Pacific/Chatham", "America/St_Johns", "America/Sao_Paulo", "Pacific/Apia", "UTC"})
        QTest::newRow(zone) << QByteArray(zone);
}

void TestLocalHours::agreesWithQtAtRandomInstants_data()
{
    zones();
}

void TestLocalHours::agreesWithQtAtRandomInstants()
{
    QFETCH(QByteArray, zone);
    const QTimeZone timeZone(zone);
    QVERIFY2(timeZone.isValid(), zone.constData());
    QRandomGenerator random(7);
    LocalHours local(timeZone);
    // 1950 to 2060, unordered, to the millisecond: cached periods are found again out of order.
    const qint64 from = QDateTime(QDate(1950, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 until = QDateTime(QDate(2060, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (int i = 0; i < 20'000; ++i) {
        const QDateTime instant = QDateTime::fromMSecsSinceEpoch(from + static_cast<qint64>(random.bounded(double(until - from))), Qt::UTC);
        const QPair<QDate, int> expected = localHour(instant, timeZone);
        const QPair<QDate, int> actual = local.at(instant);
        if (actual != expected)
            QFAIL(qPrintable(QStringLiteral("%1: %2 %3h, expected %4 %5h")
                                 .arg(instant.toString(Qt::ISODateWithMs), actual.first.toString(Qt::ISODate))
                                 .arg(actual.second)
                                 .arg(expected.first.toString(Qt::ISODate))
                                 .arg(expected.second)));
    }
}

void TestLocalHours::agreesWithQtAroundEachTransition_data()
{
    zones();
}

void TestLocalHours::agreesWithQtAroundEachTransition()
{
    QFETCH(QByteArray, zone);
    const QTimeZone timeZone(zone);
    const QList<QTimeZone::OffsetData> transitions
        = timeZone.transitions(QDateTime(QDate(1990, 1, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2040, 1, 1), QTime(0, 0), Qt::UTC));
    if (zone != "UTC" && zone != "Asia/Kolkata" && zone != "Asia/Kathmandu")
        QVERIFY(transitions.size() > 10);
    LocalHours local(timeZone);
    for (const QTimeZone::OffsetData &transition : transitions) {
        // The transition's own instant first: the period it opens must not reach back over the one before.
        for (const qint64 step : {0LL, -1LL, 1LL, -3'600'001LL, 3'599'999LL}) {
            const QDateTime instant = transition.atUtc.addMSecs(step);
            QCOMPARE(local.at(instant), localHour(instant, timeZone));
        }
    }
}

void TestLocalHours::anInvalidZoneIsUtc()
{
    LocalHours local{QTimeZone()};
    const QDateTime instant(QDate(2026, 3, 29), QTime(23, 30), Qt::UTC);
    QCOMPARE(local.at(instant), qMakePair(QDate(2026, 3, 29), 23));
    QCOMPARE(local.at(instant.addSecs(-86400LL * 365 * 80)), localHour(instant.addSecs(-86400LL * 365 * 80), QTimeZone()));
}

QTEST_GUILESS_MAIN(TestLocalHours)
#include "tst_localhours.moc"
