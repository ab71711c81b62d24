#include "shifts.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QMap>
#include <QTimeZone>

#include <algorithm>

namespace huntaze {

namespace {

constexpr qint64 maxId = Q_INT64_C(1) << 53; // what a JSON number holds exactly

Result<qint64> requiredWholeNumber(const QJsonObject &json, const QString &key, qint64 minimum, qint64 maximum)
{
    if (!json.contains(key))
        return Error::validation(key, QCoreApplication::translate("huntaze::shifts", "\"%1\" is required.").arg(key));
    return jsonfield::optionalWholeNumber(json, key, minimum, maximum, 0);
}

QString instant(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue instantOrNull(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(instant(at)) : QJsonValue();
}

QDateTime instantFrom(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace

Result<ShiftSlot> ShiftSlot::parse(const QJsonObject &json)
{
    ShiftSlot slot;
    const Result<qint64> member = requiredWholeNumber(json, QStringLiteral("memberId"), 1, maxId);
    const Result<qint64> creator = requiredWholeNumber(json, QStringLiteral("creatorId"), 1, maxId);
    const Result<qint64> weekday = requiredWholeNumber(json, QStringLiteral("weekday"), 1, 7);
    const Result<qint64> minutes = requiredWholeNumber(json, QStringLiteral("minutes"), 1, 24 * 60);
    for (const Result<qint64> *field : {&member, &creator, &weekday, &minutes}) {
        if (!field->ok())
            return field->error();
    }
    const Result<QString> start = jsonfield::requiredString(json, QStringLiteral("start"), 5);
    if (!start.ok())
        return start.error();
    slot.start = QTime::fromString(start.value(), QStringLiteral("HH:mm"));
    if (!slot.start.isValid())
        return Error::validation(QStringLiteral("start"),
                                 QCoreApplication::translate("huntaze::shifts", "\"start\" must be a time of day like 09:30."));
    const Result<QString> zone = jsonfield::requiredString(json, QStringLiteral("timeZone"), 64);
    if (!zone.ok())
        return zone.error();
    if (!rules::isKnownTimeZone(zone.value()))
        return Error::validation(QStringLiteral("timeZone"),
                                 QCoreApplication::translate("huntaze::shifts", "\"timeZone\" must be a time zone like Europe/Paris."));
    slot.memberId = member.value();
    slot.creatorId = creator.value();
    slot.weekday = static_cast<int>(weekday.value());
    slot.minutes = static_cast<int>(minutes.value());
    slot.timeZone = zone.value();
    return slot;
}

QJsonObject ShiftSlot::toJson() const
{
    QJsonObject json{{QStringLiteral("memberId"), memberId}, {QStringLiteral("creatorId"), creatorId},
                     {QStringLiteral("weekday"), weekday},   {QStringLiteral("start"), start.toString(QStringLiteral("HH:mm"))},
                     {QStringLiteral("minutes"), minutes},   {QStringLiteral("timeZone"), timeZone}};
    if (id != 0)
        json.insert(QStringLiteral("id"), id);
    if (!memberEmail.isEmpty())
        json.insert(QStringLiteral("memberEmail"), memberEmail);
    return json;
}

ShiftSlot ShiftSlot::fromJson(const QJsonObject &json)
{
    ShiftSlot slot;
    slot.id = json.value(QStringLiteral("id")).toInteger();
    slot.memberId = json.value(QStringLiteral("memberId")).toInteger();
    slot.memberEmail = json.value(QStringLiteral("memberEmail")).toString();
    slot.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    slot.weekday = json.value(QStringLiteral("weekday")).toInt();
    slot.start = QTime::fromString(json.value(QStringLiteral("start")).toString(), QStringLiteral("HH:mm"));
    slot.minutes = json.value(QStringLiteral("minutes")).toInt();
    slot.timeZone = json.value(QStringLiteral("timeZone")).toString();
    return slot;
}

QJsonObject Shift::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("memberId"), memberId},
            {QStringLiteral("memberEmail"), memberEmail},
            {QStringLiteral("creatorId"), creatorId},
            {QStringLiteral("clockedInAt"), instant(clockedInAt)},
            {QStringLiteral("clockedOutAt"), instantOrNull(clockedOutAt)},
            {QStringLiteral("lastActivityAt"), instant(lastActivityAt)},
            {QStringLiteral("endedBy"), endedBy.isEmpty() ? QJsonValue() : QJsonValue(endedBy)}};
}

Shift Shift::fromJson(const QJsonObject &json)
{
    Shift shift;
    shift.id = json.value(QStringLiteral("id")).toInteger();
    shift.memberId = json.value(QStringLiteral("memberId")).toInteger();
    shift.memberEmail = json.value(QStringLiteral("memberEmail")).toString();
    shift.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    shift.clockedInAt = instantFrom(json.value(QStringLiteral("clockedInAt")));
    shift.clockedOutAt = instantFrom(json.value(QStringLiteral("clockedOutAt")));
    shift.lastActivityAt = instantFrom(json.value(QStringLiteral("lastActivityAt")));
    shift.endedBy = json.value(QStringLiteral("endedBy")).toString();
    return shift;
}

QJsonObject HoursRow::toJson() const
{
    return {{QStringLiteral("memberId"), memberId},
            {QStringLiteral("memberEmail"), memberEmail},
            {QStringLiteral("creatorId"), creatorId},
            {QStringLiteral("shifts"), shifts},
            {QStringLiteral("clockedSeconds"), clockedSeconds},
            {QStringLiteral("scheduledSeconds"), scheduledSeconds}};
}

HoursRow HoursRow::fromJson(const QJsonObject &json)
{
    HoursRow row;
    row.memberId = json.value(QStringLiteral("memberId")).toInteger();
    row.memberEmail = json.value(QStringLiteral("memberEmail")).toString();
    row.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    row.shifts = json.value(QStringLiteral("shifts")).toInt();
    row.clockedSeconds = json.value(QStringLiteral("clockedSeconds")).toInteger();
    row.scheduledSeconds = json.value(QStringLiteral("scheduledSeconds")).toInteger();
    return row;
}

namespace shifts {

namespace {
qint64 overlapSeconds(const QDateTime &start, const QDateTime &end, const QDateTime &from, const QDateTime &to)
{
    const QDateTime begin = std::max(start, from);
    const QDateTime finish = std::min(end, to);
    return begin < finish ? begin.secsTo(finish) : 0;
}
} // namespace

qint64 clockedSeconds(const Shift &shift, const QDateTime &from, const QDateTime &to, const QDateTime &now)
{
    const QDateTime end = shift.isOpen() ? now : shift.clockedOutAt;
    return overlapSeconds(shift.clockedInAt, end, from, to);
}

qint64 scheduledSeconds(const ShiftSlot &slot, const QDateTime &from, const QDateTime &to)
{
    const QTimeZone zone(slot.timeZone.toLatin1());
    if (!zone.isValid() || !slot.start.isValid() || !(from < to))
        return 0;
    // A slot starting the day before `from` may still run into it.
    const QDate first = from.toTimeZone(zone).date().addDays(-1);
    const QDate last = to.toTimeZone(zone).date();
    qint64 total = 0;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (day.dayOfWeek() != slot.weekday)
            continue;
        const QDateTime start(day, slot.start, zone);
        total += overlapSeconds(start, start.addSecs(qint64(slot.minutes) * 60), from, to);
    }
    return total;
}

QList<HoursRow> hoursReport(const QList<Shift> &shifts, const QList<ShiftSlot> &slots, const QDateTime &from, const QDateTime &to,
                            const QDateTime &now)
{
    QMap<std::pair<qint64, qint64>, HoursRow> rows;
    auto rowFor = [&rows](qint64 memberId, const QString &email, qint64 creatorId) -> HoursRow & {
        HoursRow &row = rows[{memberId, creatorId}];
        row.memberId = memberId;
        row.creatorId = creatorId;
        if (row.memberEmail.isEmpty())
            row.memberEmail = email;
        return row;
    };
    for (const Shift &shift : shifts) {
        const qint64 seconds = clockedSeconds(shift, from, to, now);
        const bool overlaps = seconds > 0 || (shift.clockedInAt >= from && shift.clockedInAt < to);
        if (!overlaps)
            continue;
        HoursRow &row = rowFor(shift.memberId, shift.memberEmail, shift.creatorId);
        row.shifts += 1;
        row.clockedSeconds += seconds;
    }
    for (const ShiftSlot &slot : slots) {
        const qint64 seconds = scheduledSeconds(slot, from, to);
        if (seconds > 0)
            rowFor(slot.memberId, slot.memberEmail, slot.creatorId).scheduledSeconds += seconds;
    }
    QList<HoursRow> report = rows.values();
    std::stable_sort(report.begin(), report.end(), [](const HoursRow &a, const HoursRow &b) {
        const int byEmail = QString::compare(a.memberEmail, b.memberEmail, Qt::CaseInsensitive);
        return byEmail != 0 ? byEmail < 0 : a.creatorId < b.creatorId;
    });
    return report;
}

Result<void> checkPeriod(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid() || !(from < to))
        return Error::validation(QStringLiteral("to"),
                                 QCoreApplication::translate("huntaze::shifts", "The period must end after it starts."));
    if (from.daysTo(to) > 366)
        return Error::validation(QStringLiteral("to"), QCoreApplication::translate("huntaze::shifts", "A report covers at most a year."));
    return Result<void>::success();
}

QString formatDuration(qint64 seconds)
{
    const qint64 minutes = seconds / 60;
    return QCoreApplication::translate("huntaze::shifts", "%1 h %2").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace shifts

} // namespace huntaze
