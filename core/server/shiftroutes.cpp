#include "shiftroutes.h"

#include "domain/rules.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/shiftrepository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze::server {

namespace {

using agency::Membership;

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

HttpResponse shiftAnswer(const Shift &shift, int status = 200)
{
    return HttpResponse::ofJson({{QStringLiteral("shift"), shift.toJson()}}, status);
}

// Runs one ShiftRepository call that answers a shift.
template <typename Call>
QFuture<HttpResponse> withShift(const ServerContext &context, const HttpRequest &request, Call call, int status = 200)
{
    return answer(context.forMember<Shift>(request,
                                           [call](QSqlDatabase &db, const Membership &member) {
                                               ShiftRepository shifts(db, now());
                                               return call(shifts, member);
                                           }),
                  [status](const Shift &shift) { return shiftAnswer(shift, status); });
}

QFuture<HttpResponse> current(const ServerContext &context, const HttpRequest &request)
{
    using Current = std::pair<std::optional<Shift>, int>;
    return answer(context.forMember<Current>(request,
                                             [](QSqlDatabase &db, const Membership &member) -> Result<Current> {
                                                 ShiftRepository shifts(db, now());
                                                 const Result<std::optional<Shift>> open = shifts.current(member);
                                                 if (!open.ok())
                                                     return open.error();
                                                 const Result<int> idle = shifts.idleMinutes(member);
                                                 if (!idle.ok())
                                                     return idle.error();
                                                 return Current{open.value(), idle.value()};
                                             }),
                  [](const Current &current) {
                      return HttpResponse::ofJson(
                          {{QStringLiteral("shift"), current.first ? QJsonValue(current.first->toJson()) : QJsonValue()},
                           {QStringLiteral("idleMinutes"), current.second}});
                  });
}

QFuture<HttpResponse> clockIn(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creator = ServerContext::requestedCreator(request);
    if (!creator.ok())
        return answerNow(creator.error());
    return withShift(
        context, request,
        [creator = creator.value()](ShiftRepository &shifts, const Membership &member) { return shifts.clockIn(member, creator); }, 201);
}

struct Period {
    QDateTime from;
    QDateTime to;
};

// `?from=&to=`: both required, ISO 8601, `from` first, at most a year.
Result<Period> requestedPeriod(const HttpRequest &request)
{
    Period period;
    for (const auto &[name, at] : {std::pair{QStringLiteral("from"), &period.from}, std::pair{QStringLiteral("to"), &period.to}}) {
        const Result<QDateTime> given = ServerContext::instantParameter(request, name);
        if (!given.ok())
            return given.error();
        if (!given.value().isValid())
            return Error::validation(name, QCoreApplication::translate("huntaze::server::ShiftRoutes", "\"%1\" is required.").arg(name));
        *at = given.value();
    }
    if (Result<void> checked = shifts::checkPeriod(period.from, period.to); !checked.ok())
        return checked.error();
    return period;
}

template <typename T, typename ToJson> HttpResponse listAnswer(const QString &name, const QList<T> &items, ToJson toJson)
{
    QJsonArray list;
    for (const T &item : items)
        list.append(toJson(item));
    return HttpResponse::ofJson({{name, list}});
}

QFuture<HttpResponse> shiftList(const ServerContext &context, const HttpRequest &request)
{
    const Result<Period> period = requestedPeriod(request);
    if (!period.ok())
        return answerNow(period.error());
    return answer(context.forMember<QList<Shift>>(request,
                                                  [period = period.value()](QSqlDatabase &db, const Membership &member) {
                                                      return ShiftRepository(db, now()).shifts(member, period.from, period.to);
                                                  }),
                  [](const QList<Shift> &shifts) {
                      return listAnswer(QStringLiteral("shifts"), shifts, [](const Shift &shift) { return shift.toJson(); });
                  });
}

QFuture<HttpResponse> hours(const ServerContext &context, const HttpRequest &request)
{
    const Result<Period> period = requestedPeriod(request);
    if (!period.ok())
        return answerNow(period.error());
    return answer(context.forMember<QList<HoursRow>>(request,
                                                     [period = period.value()](QSqlDatabase &db, const Membership &member) {
                                                         return ShiftRepository(db, now()).hours(member, period.from, period.to);
                                                     }),
                  [](const QList<HoursRow> &rows) {
                      return listAnswer(QStringLiteral("rows"), rows, [](const HoursRow &row) { return row.toJson(); });
                  });
}

QFuture<HttpResponse> schedule(const ServerContext &context, const HttpRequest &request)
{
    return answer(context.forMember<QList<ShiftSlot>>(
                      request, [](QSqlDatabase &db, const Membership &member) { return ShiftRepository(db, now()).schedule(member); }),
                  [](const QList<ShiftSlot> &slots) {
                      return listAnswer(QStringLiteral("slots"), slots, [](const ShiftSlot &slot) { return slot.toJson(); });
                  });
}

QFuture<HttpResponse> addSlot(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<ShiftSlot> slot = ShiftSlot::parse(body.value());
    if (!slot.ok())
        return answerNow(slot.error());
    return answer(context.forMember<ShiftSlot>(request,
                                               [slot = slot.value()](QSqlDatabase &db, const Membership &member) {
                                                   return ShiftRepository(db, now()).addSlot(member, slot);
                                               }),
                  [](const ShiftSlot &added) {
                      return HttpResponse::ofJson({{QStringLiteral("slot"), added.toJson()}}, 201);
                  });
}

QFuture<HttpResponse> removeSlot(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> id = ServerContext::pathId(request, QStringLiteral("slotId"));
    if (!id.ok())
        return answerNow(id.error());
    return answer(context.forMember<void>(request,
                                          [id = id.value()](QSqlDatabase &db, const Membership &member) {
                                              return ShiftRepository(db, now()).removeSlot(member, id);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> settings(const ServerContext &context, const HttpRequest &request)
{
    return answer(context.forMember<int>(
                      request, [](QSqlDatabase &db, const Membership &member) { return ShiftRepository(db, now()).idleMinutes(member); }),
                  [](int minutes) {
                      return HttpResponse::ofJson({{QStringLiteral("idleMinutes"), minutes}});
                  });
}

QFuture<HttpResponse> changeSettings(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    if (!body.value().contains(QStringLiteral("idleMinutes")))
        return answerNow(Error::validation(
            QStringLiteral("idleMinutes"),
            QCoreApplication::translate("huntaze::server::ShiftRoutes", "\"%1\" is required.").arg(QStringLiteral("idleMinutes"))));
    const Result<qint64> minutes = jsonfield::optionalWholeNumber(body.value(), QStringLiteral("idleMinutes"), shifts::minIdleMinutes,
                                                                  shifts::maxIdleMinutes, shifts::defaultIdleMinutes);
    if (!minutes.ok())
        return answerNow(minutes.error());
    return answer(context.forMember<void>(request,
                                          [minutes = static_cast<int>(minutes.value())](QSqlDatabase &db, const Membership &member) {
                                              return ShiftRepository(db, now()).setIdleMinutes(member, minutes);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

} // namespace

void addShiftRoutes(Router &router, const ServerContext &context)
{
    router.add("GET", QStringLiteral("/api/shifts/current"), [context](const HttpRequest &r) { return current(context, r); });
    router.add("POST", QStringLiteral("/api/shifts/clock-in"), [context](const HttpRequest &r) { return clockIn(context, r); });
    router.add("POST", QStringLiteral("/api/shifts/clock-out"), [context](const HttpRequest &r) {
        return withShift(context, r, [](ShiftRepository &shifts, const Membership &member) { return shifts.clockOut(member); });
    });
    router.add("POST", QStringLiteral("/api/shifts/activity"), [context](const HttpRequest &r) {
        return withShift(context, r, [](ShiftRepository &shifts, const Membership &member) { return shifts.recordActivity(member); });
    });
    router.add("GET", QStringLiteral("/api/shifts"), [context](const HttpRequest &r) { return shiftList(context, r); });
    router.add("GET", QStringLiteral("/api/shifts/hours"), [context](const HttpRequest &r) { return hours(context, r); });
    router.add("GET", QStringLiteral("/api/shifts/schedule"), [context](const HttpRequest &r) { return schedule(context, r); });
    router.add("POST", QStringLiteral("/api/shifts/schedule"), [context](const HttpRequest &r) { return addSlot(context, r); });
    router.add("DELETE", QStringLiteral("/api/shifts/schedule/{slotId}"),
               [context](const HttpRequest &r) { return removeSlot(context, r); });
    router.add("GET", QStringLiteral("/api/shifts/settings"), [context](const HttpRequest &r) { return settings(context, r); });
    router.add("PUT", QStringLiteral("/api/shifts/settings"), [context](const HttpRequest &r) { return changeSettings(context, r); });
}

} // namespace huntaze::server
