#include "importroutes.h"

#include "analytics/analyticsservice.h"
#include "domain/fan.h"
#include "domain/rules.h"
#include "server/analyticsroutes.h"
#include "server/creatordataroutes.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/batchedwrite.h"
#include "storage/creatordatarepository.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace huntaze::server {

namespace {

struct OpenImport {
    QString kind;
    int rowCount = 0;
    qint64 creatorId = 0;
};

Error unknownImport()
{
    return Error(ErrorCode::NotFound,
                 QCoreApplication::translate("huntaze::server::ImportRoutes",
                                             "This import does not exist any more (committed, abandoned, or older than a day). "
                                             "Start the import again."));
}

// The member's own open import: another member's id is as unknown as a made-up one.
Result<OpenImport> findImport(QSqlDatabase &db, const agency::Membership &member, const QString &id)
{
    if (Result<void> allowed = member.require({agency::Permission::ImportData}); !allowed.ok())
        return allowed.error();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT kind, row_count, creator_id FROM imports WHERE agency_id = ? AND id = ? AND user_id = ?"));
    query.addBindValue(member.agencyId);
    query.addBindValue(id);
    query.addBindValue(member.userId);
    if (!query.exec())
        return storageError(QStringLiteral("find import"), query.lastError());
    if (!query.next())
        return unknownImport();
    return OpenImport{query.value(0).toString(), query.value(1).toInt(), query.value(2).toLongLong()};
}

// The account's currency for an import of analytics lines (none needed for the other kinds).
Result<QString> currencyFor(QSqlDatabase &db, const agency::Membership &member, const OpenImport &open)
{
    if (!isAccountLineKind(open.kind))
        return QString();
    return AnalyticsService::accountCurrency(db, member, open.creatorId);
}

// One staged row, read back with the domain's rules.
template <typename T> Result<T> parseRow(const QByteArray &staged)
{
    return T::parse(QJsonDocument::fromJson(staged).array().at(0));
}

// Checked in the form it is kept in, so what passes now reads back the same
// at commit. Statement lines are checked against the account's currency.
Result<void> checkRow(const QString &kind, const QByteArray &staged, const QString &currency)
{
    std::optional<Error> problem;
    if (isAccountLineKind(kind)) {
        if (Result<void> line = checkAccountLine(kind, QJsonDocument::fromJson(staged).array().at(0), currency); !line.ok())
            problem = line.error();
    } else if (kind == QLatin1String("fans")) {
        if (Result<Fan> fan = parseRow<Fan>(staged); !fan.ok())
            problem = fan.error();
    } else if (kind == QLatin1String("offers")) {
        if (Result<Offer> offer = parseRow<Offer>(staged); !offer.ok())
            problem = offer.error();
    } else if (Result<Post> post = parseRow<Post>(staged); !post.ok()) {
        problem = post.error();
    }
    if (problem)
        return *problem;
    return Result<void>::success();
}

// Rows were checked when they arrived; they are checked again here because the
// rules may have changed (a server upgraded while the import was open): a row
// that no longer passes refuses the commit instead of being stored unchecked.
template <typename T> Result<int> insertStaged(CreatorDataRepository &data, const QList<QByteArray> &rows, const QString &kind)
{
    QList<T> parsed;
    parsed.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<T> row = parseRow<T>(rows.at(i));
        if (!row.ok())
            return importRowError(kind, i, row.error());
        parsed.append(std::move(row).value());
    }
    if constexpr (std::is_same_v<T, Fan>)
        return data.insertFans(parsed);
    else if constexpr (std::is_same_v<T, Offer>)
        return data.insertOffers(parsed);
    else
        return data.insertPosts(parsed);
}

// Analytics lines, checked again against the account's currency now (it may have changed since they arrived).
Result<int> commitAccountLines(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId, const QString &kind,
                               const QList<QByteArray> &rows)
{
    QJsonArray lines;
    for (const QByteArray &row : rows)
        lines.append(QJsonDocument::fromJson(row).array().at(0));
    return importAccountLines(db, member, creatorId, kind, lines);
}

// The import is done: its staged rows go with it. `imported` passes through.
Result<int> closeImport(QSqlDatabase &db, const agency::Membership &member, const QString &id, int imported)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM imports WHERE agency_id = ? AND id = ?"));
    query.addBindValue(member.agencyId);
    query.addBindValue(id);
    if (!query.exec())
        return storageError(QStringLiteral("close import"), query.lastError());
    return imported;
}

QFuture<HttpResponse> start(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> kind = jsonfield::requiredString(body.value(), QStringLiteral("kind"), 10);
    if (!kind.ok())
        return answerNow(kind.error());
    if (!QStringList{QStringLiteral("fans"), QStringLiteral("offers"), QStringLiteral("posts"), QStringLiteral("earnings"),
                     QStringLiteral("messages"), QStringLiteral("engagement")}
             .contains(kind.value()))
        return answerNow(
            Error::validation(QStringLiteral("kind"),
                              QCoreApplication::translate("huntaze::server::ImportRoutes",
                                                          "\"kind\" must be fans, offers, posts, earnings, messages or engagement.")));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return answer(context.forCreator<QString>(
                      request, {agency::Permission::ImportData},
                      [id, kind = kind.value()](QSqlDatabase &db, const agency::CreatorScope &scope) -> Result<QString> {
                          QSqlQuery query(db);
                          // Imports abandoned without a word are not kept forever.
                          query.exec(QStringLiteral("DELETE FROM imports WHERE created_at < now() - interval '1 day'"));
                          query.prepare(QStringLiteral("INSERT INTO imports (agency_id, id, creator_id, user_id, kind, created_at) "
                                                       "VALUES (?, ?, ?, ?, ?, now())"));
                          query.addBindValue(scope.agencyId);
                          query.addBindValue(id);
                          query.addBindValue(scope.creatorId);
                          query.addBindValue(scope.userId);
                          query.addBindValue(kind);
                          if (!query.exec())
                              return storageError(QStringLiteral("open import"), query.lastError());
                          return id;
                      }),
                  [](const QString &importId) {
                      return HttpResponse::ofJson(
                          {{QStringLiteral("importId"), importId}, {QStringLiteral("maxRowsPerBatch"), imports::maxRowsPerBatch}}, 201);
                  });
}

QFuture<HttpResponse> addRows(const ServerContext &context, const HttpRequest &request)
{
    const QString id = request.pathParameters.value(QStringLiteral("id"));
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QJsonArray> rows = jsonfield::requiredArray(body.value(), QStringLiteral("rows"), imports::maxRowsPerBatch);
    if (!rows.ok())
        return answerNow(rows.error());
    return answer(context.forMember<int>(
                      request,
                      [id, rows = rows.value()](QSqlDatabase &db, const agency::Membership &member) -> Result<int> {
                          const Result<OpenImport> open = findImport(db, member, id);
                          if (!open.ok())
                              return open.error();
                          if (open.value().rowCount + rows.size() > imports::maxRowsPerImport)
                              return Error::validation(
                                  QStringLiteral("rows"),
                                  QCoreApplication::translate("huntaze::server::ImportRoutes", "An import holds at most %1 rows.")
                                      .arg(imports::maxRowsPerImport));
                          const Result<QString> currency = currencyFor(db, member, open.value());
                          if (!currency.ok())
                              return currency.error();
                          QList<QByteArray> checked;
                          for (qsizetype i = 0; i < rows.size(); ++i) {
                              const QByteArray staged = QJsonDocument(QJsonArray{rows.at(i)}).toJson(QJsonDocument::Compact);
                              if (Result<void> ok = checkRow(open.value().kind, staged, currency.value()); !ok.ok())
                                  return importRowError(open.value().kind, open.value().rowCount + i, ok.error());
                              checked.append(staged);
                          }
                          // The request's transaction (forMember) stages the whole batch or none of it.
                          QList<std::pair<int, QByteArray>> positioned;
                          positioned.reserve(checked.size());
                          for (qsizetype i = 0; i < checked.size(); ++i)
                              positioned.append({static_cast<int>(open.value().rowCount + i), checked.at(i)});
                          const Result<void> staged = writeInBatches<std::pair<int, QByteArray>>(
                              db, positioned, rowsPerStatement(db, 250),
                              [](qsizetype count) -> QString {
                                  return QStringLiteral("INSERT INTO import_rows (agency_id, import_id, position, row_json) VALUES ")
                                      + placeholderRows(count, 4);
                              },
                              [&member, &id](QSqlQuery &query, const std::pair<int, QByteArray> &row) {
                                  query.addBindValue(member.agencyId);
                                  query.addBindValue(id);
                                  query.addBindValue(row.first);
                                  query.addBindValue(QString::fromUtf8(row.second));
                              },
                              QStringLiteral("stage rows"));
                          if (!staged.ok())
                              return staged.error();
                          QSqlQuery query(db);
                          query.prepare(QStringLiteral("UPDATE imports SET row_count = row_count + ? WHERE agency_id = ? AND id = ?"));
                          query.addBindValue(static_cast<int>(checked.size()));
                          query.addBindValue(member.agencyId);
                          query.addBindValue(id);
                          if (!query.exec())
                              return storageError(QStringLiteral("count rows"), query.lastError());
                          return open.value().rowCount + static_cast<int>(checked.size());
                      }),
                  [](int received) {
                      return HttpResponse::ofJson({{QStringLiteral("received"), received}});
                  });
}

QFuture<HttpResponse> commit(const ServerContext &context, const HttpRequest &request)
{
    const QString id = request.pathParameters.value(QStringLiteral("id"));
    return answer(
        context.forMember<int>(request,
                               [id](QSqlDatabase &db, const agency::Membership &member) -> Result<int> {
                                   const Result<OpenImport> open = findImport(db, member, id);
                                   if (!open.ok())
                                       return open.error();
                                   // The member may have lost this creator since the import began.
                                   const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, open.value().creatorId);
                                   if (!scope.ok())
                                       return scope.error();
                                   // The request's transaction (forMember): the rows land in their table and the
                                   // import is gone, or neither.
                                   QSqlQuery query(db);
                                   query.prepare(QStringLiteral(
                                       "SELECT row_json FROM import_rows WHERE agency_id = ? AND import_id = ? ORDER BY position"));
                                   query.addBindValue(member.agencyId);
                                   query.addBindValue(id);
                                   if (!query.exec())
                                       return storageError(QStringLiteral("read staged rows"), query.lastError());
                                   QList<QByteArray> rows;
                                   while (query.next())
                                       rows.append(query.value(0).toString().toUtf8());
                                   const QString &kind = open.value().kind;
                                   if (isAccountLineKind(kind)) {
                                       const Result<int> inserted = commitAccountLines(db, member, open.value().creatorId, kind, rows);
                                       if (!inserted.ok())
                                           return inserted.error();
                                       return closeImport(db, member, id, inserted.value());
                                   }
                                   CreatorDataRepository data(db, scope.value());
                                   const Result<int> inserted = kind == QLatin1String("fans") ? insertStaged<Fan>(data, rows, kind)
                                       : kind == QLatin1String("offers")                      ? insertStaged<Offer>(data, rows, kind)
                                                                                              : insertStaged<Post>(data, rows, kind);
                                   if (!inserted.ok())
                                       return inserted.error();
                                   return closeImport(db, member, id, inserted.value());
                               }),
        [](int imported) {
            return HttpResponse::ofJson({{QStringLiteral("imported"), imported}}, 201);
        });
}

QFuture<HttpResponse> abandon(const ServerContext &context, const HttpRequest &request)
{
    const QString id = request.pathParameters.value(QStringLiteral("id"));
    return answer(context.forMember<void>(request,
                                          [id](QSqlDatabase &db, const agency::Membership &member) -> Result<void> {
                                              QSqlQuery query(db);
                                              query.prepare(
                                                  QStringLiteral("DELETE FROM imports WHERE agency_id = ? AND id = ? AND user_id = ?"));
                                              query.addBindValue(member.agencyId);
                                              query.addBindValue(id);
                                              query.addBindValue(member.userId);
                                              if (!query.exec())
                                                  return storageError(QStringLiteral("abandon import"), query.lastError());
                                              return Result<void>::success();
                                          }),
                  [] { return HttpResponse::noContent(); });
}

} // namespace

void addImportRoutes(Router &router, const ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/imports"), [context](const HttpRequest &r) { return start(context, r); });
    router.add("POST", QStringLiteral("/api/imports/{id}/rows"), [context](const HttpRequest &r) { return addRows(context, r); });
    router.add("POST", QStringLiteral("/api/imports/{id}/commit"), [context](const HttpRequest &r) { return commit(context, r); });
    router.add("DELETE", QStringLiteral("/api/imports/{id}"), [context](const HttpRequest &r) { return abandon(context, r); });
}

} // namespace huntaze::server
