#include "agencyroutes.h"

#include "domain/rules.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/teamrepository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze::server {

namespace {

using agency::Membership;

constexpr int defaultInvitationDays = 7;
constexpr int maxInvitationDays = 30;

QFuture<HttpResponse> members(const ServerContext &context, const HttpRequest &request)
{
    return answer(context.forMember<QList<TeamMember>>(
                      request, [](QSqlDatabase &db, const Membership &member) { return TeamRepository(db).members(member); }),
                  [](const QList<TeamMember> &members) {
                      QJsonArray list;
                      for (const TeamMember &member : members)
                          list.append(member.toJson());
                      return HttpResponse::ofJson({{QStringLiteral("members"), list}});
                  });
}

QFuture<HttpResponse> invite(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<agency::MemberGrant> grant = agency::MemberGrant::parse(body.value());
    if (!grant.ok())
        return answerNow(grant.error());
    const Result<qint64> days
        = jsonfield::optionalWholeNumber(body.value(), QStringLiteral("validDays"), 1, maxInvitationDays, defaultInvitationDays);
    if (!days.ok())
        return answerNow(days.error());
    return answer(context.forMember<NewInvitation>(
                      request,
                      [grant = grant.value(), days = static_cast<int>(days.value())](QSqlDatabase &db, const Membership &member) {
                          return TeamRepository(db).invite(member, grant, days);
                      }),
                  [](const NewInvitation &invitation) {
                      return HttpResponse::ofJson({{QStringLiteral("code"), invitation.code},
                                                   {QStringLiteral("expiresAt"), invitation.expiresAt.toString(Qt::ISODateWithMs)}},
                                                  201);
                  });
}

QFuture<HttpResponse> changeMember(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> userId = ServerContext::pathId(request, QStringLiteral("userId"));
    if (!userId.ok())
        return answerNow(userId.error());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<agency::MemberGrant> grant = agency::MemberGrant::parse(body.value());
    if (!grant.ok())
        return answerNow(grant.error());
    return answer(context.forMember<void>(request,
                                          [userId = userId.value(), grant = grant.value()](QSqlDatabase &db, const Membership &member) {
                                              return TeamRepository(db).changeMember(member, userId, grant);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> removeMember(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> userId = ServerContext::pathId(request, QStringLiteral("userId"));
    if (!userId.ok())
        return answerNow(userId.error());
    return answer(context.forMember<void>(request,
                                          [userId = userId.value()](QSqlDatabase &db, const Membership &member) {
                                              return TeamRepository(db).removeMember(member, userId);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> createRole(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> name = jsonfield::requiredString(body.value(), QStringLiteral("name"), 60);
    const Result<QString> scopeName = jsonfield::requiredString(body.value(), QStringLiteral("scope"), 20);
    const Result<QJsonArray> permissions = jsonfield::requiredArray(body.value(), QStringLiteral("permissions"), 100);
    for (const Error *error : {name.ok() ? nullptr : &name.error(), scopeName.ok() ? nullptr : &scopeName.error(),
                               permissions.ok() ? nullptr : &permissions.error()}) {
        if (error)
            return answerNow(*error);
    }
    const std::optional<agency::DataScope> scope = agency::scopeFromId(scopeName.value());
    if (!scope)
        return answerNow(
            Error::validation(QStringLiteral("scope"),
                              QCoreApplication::translate("huntaze::server::AgencyRoutes", "\"scope\" must be all, assigned or own.")));
    QStringList ids;
    for (qsizetype i = 0; i < permissions.value().size(); ++i) {
        if (!permissions.value().at(i).isString())
            return answerNow(
                Error::validation(QStringLiteral("permissions[%1]").arg(i),
                                  QCoreApplication::translate("huntaze::server::AgencyRoutes", "A permission is given by its id.")));
        ids.append(permissions.value().at(i).toString());
    }
    const Result<agency::Role> role = agency::Role::custom(name.value(), ids, *scope);
    if (!role.ok())
        return answerNow(role.error());
    return answer(context.forMember<qint64>(request,
                                            [role = role.value()](QSqlDatabase &db, const Membership &member) {
                                                return TeamRepository(db).createCustomRole(member, role);
                                            }),
                  [](qint64 id) {
                      return HttpResponse::ofJson({{QStringLiteral("id"), id}}, 201);
                  });
}

QFuture<HttpResponse> addCreator(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<Profile> profile = Profile::parse(body.value());
    if (!profile.ok())
        return answerNow(profile.error());
    if (profile.value().displayName.trimmed().isEmpty())
        return answerNow(Error::validation(QStringLiteral("displayName"),
                                           QCoreApplication::translate("huntaze::server::AgencyRoutes", "Give the creator a name.")));
    return answer(context.forMember<Creator>(request,
                                             [profile = profile.value()](QSqlDatabase &db, const Membership &member) {
                                                 return AgencyRepository(db).addCreator(member, profile);
                                             }),
                  [](const Creator &creator) {
                      return HttpResponse::ofJson({{QStringLiteral("creator"), creator.toJson()}}, 201);
                  });
}

QFuture<HttpResponse> archiveCreator(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creatorId = ServerContext::pathId(request, QStringLiteral("creatorId"));
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    return answer(context.forMember<void>(request,
                                          [creatorId = creatorId.value()](QSqlDatabase &db, const Membership &member) {
                                              return AgencyRepository(db).archiveCreator(member, creatorId);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> auditLog(const ServerContext &context, const HttpRequest &request)
{
    AuditFilter filter;
    filter.action = request.query.queryItemValue(QStringLiteral("action"));
    if (!filter.action.isEmpty() && !audit::actions().contains(filter.action))
        return answerNow(Error::validation(QStringLiteral("action"),
                                           QCoreApplication::translate("huntaze::server::AgencyRoutes", "\"action\" must be one of: %1.")
                                               .arg(audit::actions().join(QStringLiteral(", ")))));
    const Result<qint64> creator = ServerContext::requestedCreator(request);
    const Result<QDateTime> from = ServerContext::instantParameter(request, QStringLiteral("from"));
    const Result<QDateTime> to = ServerContext::instantParameter(request, QStringLiteral("to"));
    for (const Error *error :
         {creator.ok() ? nullptr : &creator.error(), from.ok() ? nullptr : &from.error(), to.ok() ? nullptr : &to.error()}) {
        if (error)
            return answerNow(*error);
    }
    filter.creatorId = creator.value();
    filter.from = from.value();
    filter.to = to.value();
    if (request.query.hasQueryItem(QStringLiteral("member"))) {
        const std::optional<qint64> member = ServerContext::idFrom(request.query.queryItemValue(QStringLiteral("member")));
        filter.actorId = member.value_or(0);
        if (!member)
            return answerNow(
                Error::validation(QStringLiteral("member"),
                                  QCoreApplication::translate("huntaze::server::AgencyRoutes", "\"member\" must be a member's id.")));
    }
    return answer(
        context.forMember<QList<AuditEntry>>(
            request, [filter](QSqlDatabase &db, const Membership &member) { return AuditRepository(db).entries(member, filter); }),
        [](const QList<AuditEntry> &entries) {
            QJsonArray list;
            for (const AuditEntry &entry : entries)
                list.append(entry.toJson());
            return HttpResponse::ofJson({{QStringLiteral("entries"), list}});
        });
}

QFuture<HttpResponse> recordClientEvent(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> creator = ServerContext::requestedCreator(request);
    if (!creator.ok())
        return answerNow(creator.error());
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<ClientEvent> event = ClientEvent::parse(body.value());
    if (!event.ok())
        return answerNow(event.error());
    return answer(context.forMember<void>(request,
                                          [creator = creator.value(), event = event.value()](QSqlDatabase &db, const Membership &member) {
                                              return AuditRepository(db).recordClientEvent(member, creator, event);
                                          }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> deleteAgency(const ServerContext &context, const HttpRequest &request)
{
    const QString typed = request.query.queryItemValue(QStringLiteral("confirm"), QUrl::FullyDecoded);
    if (Result<void> text = rules::requiredText(
            QStringLiteral("confirm"), typed, 200,
            QCoreApplication::translate("huntaze::server::AgencyRoutes", "Type the agency's name in \"confirm\" to delete it."));
        !text.ok())
        return answerNow(text.error());
    return answer(
        context.forMember<void>(
            request, [typed](QSqlDatabase &db, const Membership &member) { return AgencyRepository(db).deleteAgency(member, typed); }),
        [] { return HttpResponse::noContent(); });
}

} // namespace

void addAgencyRoutes(Router &router, const ServerContext &context)
{
    router.add("DELETE", QStringLiteral("/api/agency"), [context](const HttpRequest &r) { return deleteAgency(context, r); });
    router.add("GET", QStringLiteral("/api/agency/members"), [context](const HttpRequest &r) { return members(context, r); });
    router.add("PUT", QStringLiteral("/api/agency/members/{userId}"), [context](const HttpRequest &r) { return changeMember(context, r); });
    router.add("DELETE", QStringLiteral("/api/agency/members/{userId}"),
               [context](const HttpRequest &r) { return removeMember(context, r); });
    router.add("DELETE", QStringLiteral("/api/agency/members/{userId}/sessions"), [context](const HttpRequest &request) {
        const Result<qint64> userId = ServerContext::pathId(request, QStringLiteral("userId"));
        if (!userId.ok())
            return answerNow(userId.error());
        return answer(context.forMember<void>(request,
                                              [userId = userId.value()](QSqlDatabase &db, const Membership &member) {
                                                  return TeamRepository(db).endSessions(member, userId);
                                              }),
                      [] { return HttpResponse::noContent(); });
    });
    router.add("GET", QStringLiteral("/api/agency/audit"), [context](const HttpRequest &r) { return auditLog(context, r); });
    router.add("POST", QStringLiteral("/api/agency/audit"), [context](const HttpRequest &r) { return recordClientEvent(context, r); });
    router.add("POST", QStringLiteral("/api/agency/invitations"), [context](const HttpRequest &r) { return invite(context, r); });
    router.add("GET", QStringLiteral("/api/agency/roles"), [context](const HttpRequest &request) {
        return answer(context.forMember<QList<CustomRole>>(
                          request, [](QSqlDatabase &db, const Membership &member) { return TeamRepository(db).customRoles(member); }),
                      [](const QList<CustomRole> &roles) {
                          QJsonArray list;
                          for (const CustomRole &role : roles)
                              list.append(QJsonObject{{QStringLiteral("id"), role.id}, {QStringLiteral("name"), role.name}});
                          return HttpResponse::ofJson({{QStringLiteral("roles"), list}});
                      });
    });
    router.add("POST", QStringLiteral("/api/agency/roles"), [context](const HttpRequest &r) { return createRole(context, r); });
    router.add("POST", QStringLiteral("/api/agency/creators"), [context](const HttpRequest &r) { return addCreator(context, r); });
    router.add("DELETE", QStringLiteral("/api/agency/creators/{creatorId}"),
               [context](const HttpRequest &r) { return archiveCreator(context, r); });
}

} // namespace huntaze::server
