#include "mutation.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace huntaze::sync {

namespace {

QString field(const char *name)
{
    return QString::fromLatin1(name);
}

Result<QJsonObject> optionalObject(const QJsonObject &json, const QString &key)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return QJsonObject();
    if (!value.isObject())
        return Error::validation(key, QCoreApplication::translate("huntaze::sync::Mutation", "\"%1\" must be an object.").arg(key));
    const QJsonObject object = value.toObject();
    if (QJsonDocument(object).toJson(QJsonDocument::Compact).size() > maxPayloadBytes)
        return Error::validation(
            key,
            QCoreApplication::translate("huntaze::sync::Mutation", "\"%1\" is larger than %2 KiB.").arg(key).arg(maxPayloadBytes / 1024));
    return object;
}

} // namespace

QString Mutation::opName(Op op)
{
    return op == Op::Delete ? QStringLiteral("delete") : QStringLiteral("put");
}

QStringList syncedEntities()
{
    // A conflict is resolved by deleting it (after the chosen version is saved as a draft edit).
    // A preference is named by its key (its creator is in the payload); rows
    // imported on a device by their table, the import's UUID naming them (importmutations.h).
    return {QStringLiteral("draft"), QStringLiteral("draft_conflict"), QStringLiteral("preference"),
            QStringLiteral("fans"),  QStringLiteral("offers"),         QStringLiteral("posts")};
}

QJsonObject Mutation::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("entity"), entity},
                     {QStringLiteral("entityId"), entityId},
                     {QStringLiteral("baseVersion"), baseVersion},
                     {QStringLiteral("op"), opName(op)}};
    if (op == Op::Put)
        json.insert(QStringLiteral("payload"), payload);
    if (op == Op::Put || !base.isEmpty())
        json.insert(QStringLiteral("base"), base);
    return json;
}

Result<Mutation> Mutation::parse(const QJsonValue &value)
{
    if (!value.isObject())
        return Error::validation({}, QCoreApplication::translate("huntaze::sync::Mutation", "Each mutation must be a JSON object."));
    const QJsonObject json = value.toObject();
    Mutation mutation;
    const Result<qint64> id = jsonfield::optionalWholeNumber(json, field("id"), 1, rules::maxCount * 1000, 0);
    if (!id.ok())
        return id.error();
    if (id.value() == 0)
        return Error::validation(field("id"), QCoreApplication::translate("huntaze::sync::Mutation", "\"id\" is required."));
    mutation.id = id.value();
    const Result<QString> entity = jsonfield::requiredString(json, field("entity"), rules::maxLabelLength);
    if (!entity.ok())
        return entity.error();
    if (!syncedEntities().contains(entity.value()))
        return Error::validation(field("entity"),
                                 QCoreApplication::translate("huntaze::sync::Mutation", "\"entity\" must be one of: %1.")
                                     .arg(syncedEntities().join(QStringLiteral(", "))));
    mutation.entity = entity.value();
    const Result<QString> entityId = jsonfield::requiredString(json, field("entityId"), 64);
    if (!entityId.ok())
        return entityId.error();
    if (mutation.entity == QLatin1String("preference")) {
        if (Result<void> named = rules::preferenceKey(entityId.value()); !named.ok())
            return Error::validation(field("entityId"), named.error().message);
        mutation.entityId = entityId.value();
    } else {
        const std::optional<QString> uuid = rules::uuid(entityId.value());
        if (!uuid)
            return Error::validation(field("entityId"),
                                     QCoreApplication::translate("huntaze::sync::Mutation", "\"entityId\" must be a UUID."));
        mutation.entityId = *uuid;
    }
    const Result<qint64> baseVersion = jsonfield::optionalWholeNumber(json, field("baseVersion"), 0, rules::maxCount * 1000, 0);
    if (!baseVersion.ok())
        return baseVersion.error();
    mutation.baseVersion = baseVersion.value();
    const QJsonValue op = json.value(field("op"));
    if (op == QJsonValue(QStringLiteral("put")))
        mutation.op = Op::Put;
    else if (op == QJsonValue(QStringLiteral("delete")))
        mutation.op = Op::Delete;
    else
        return Error::validation(field("op"), QCoreApplication::translate("huntaze::sync::Mutation", "\"op\" must be put or delete."));
    if (mutation.op == Op::Put) {
        const Result<QJsonObject> payload = optionalObject(json, field("payload"));
        if (!payload.ok())
            return payload.error();
        mutation.payload = payload.value();
    }
    const Result<QJsonObject> base = optionalObject(json, field("base"));
    if (!base.ok())
        return base.error();
    mutation.base = base.value();
    return mutation;
}

PushPlan planPush(qint64 lastMutationId, const QList<Mutation> &batch)
{
    PushPlan plan;
    qint64 last = lastMutationId;
    for (const Mutation &mutation : batch) {
        if (mutation.id <= last)
            continue; // applied before: a retry or a duplicate
        if (mutation.id != last + 1) {
            plan.toApply.clear();
            plan.expected = lastMutationId + 1;
            return plan;
        }
        plan.toApply.append(mutation);
        last = mutation.id;
    }
    return plan;
}

} // namespace huntaze::sync
