#pragma once

#include <QDate>
#include <QDateTime>
#include <QPair>
#include <QTimeZone>

#include <vector>

namespace huntaze::analytics {

// The day and hour in a creator's time zone of many instants, as
// localHour() gives them. QDateTime::toTimeZone() looks the zone up for each
// instant (an import of 200,000 lines spent about half a second there); a
// zone's offset only changes at its transitions, so this keeps each period
// between two transitions it met and does arithmetic within it.
class LocalHours
{
public:
    // An invalid zone counts as UTC.
    explicit LocalHours(QTimeZone zone);

    QPair<QDate, int> at(const QDateTime &instant);

private:
    struct Period {
        qint64 fromMs; // the first instant of the period (UTC milliseconds)
        qint64 untilMs; // the first instant after it
        int offsetSeconds;
    };
    // The period of `ms`, remembered; nullptr when the zone's transitions do not bracket it.
    const Period *periodOf(qint64 ms);

    QTimeZone m_zone;
    std::vector<Period> m_periods; // by fromMs, disjoint
};

} // namespace huntaze::analytics
