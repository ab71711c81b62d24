#include "draft.h"

#include "analytics/fananalytics.h"
#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze {

namespace {

QString field(const char *name)
{
    return QString::fromLatin1(name);
}

QString instantText(const QDateTime &instant)
{
    return instant.isValid() ? instant.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime instantFrom(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

template <typename T> Result<T> check(const Result<T> &result, T &into)
{
    if (result.ok())
        into = result.value();
    return result;
}

} // namespace

bool Draft::isEmpty() const
{
    return title.trimmed().isEmpty() && body.trimmed().isEmpty() && notes.trimmed().isEmpty();
}

QString Draft::kindName(Kind kind)
{
    return kind == Kind::Message ? QStringLiteral("message") : QStringLiteral("post");
}

std::optional<Draft::Kind> Draft::kindFrom(const QString &name)
{
    if (name == QLatin1String("post") || name == QLatin1String("idea") || name == QLatin1String("caption"))
        return Kind::Post;
    if (name == QLatin1String("message"))
        return Kind::Message;
    return std::nullopt;
}

QString Draft::statusName(Status status)
{
    switch (status) {
    case Status::Draft: return QStringLiteral("draft");
    case Status::Ready: return QStringLiteral("ready");
    case Status::Done: return QStringLiteral("done");
    }
    return QStringLiteral("draft");
}

std::optional<Draft::Status> Draft::statusFrom(const QString &name)
{
    for (Status status : {Status::Draft, Status::Ready, Status::Done}) {
        if (statusName(status) == name)
            return status;
    }
    return std::nullopt;
}

QString Draft::hashtagLine() const
{
    QStringList tags;
    for (const QString &tag : hashtags)
        tags.append(u'#' + tag);
    return tags.join(u' ');
}

QJsonObject Draft::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("creatorId"), creatorId},
                     {QStringLiteral("authorId"), authorId},
                     {QStringLiteral("authorEmail"), authorEmail},
                     {QStringLiteral("kind"), kindName(kind)},
                     {QStringLiteral("status"), statusName(status)},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("body"), body},
                     {QStringLiteral("notes"), notes},
                     {QStringLiteral("createdAt"), instantText(createdAt)},
                     {QStringLiteral("updatedAt"), instantText(updatedAt)},
                     {QStringLiteral("version"), version}};
    if (deleted)
        json.insert(QStringLiteral("deleted"), true);
    if (kind == Kind::Post) {
        json.insert(QStringLiteral("hashtags"), QJsonArray::fromStringList(hashtags));
        json.insert(QStringLiteral("platform"), platform);
        json.insert(QStringLiteral("plannedAt"), instantText(plannedAt));
        json.insert(QStringLiteral("media"), QJsonArray::fromStringList(media));
    } else {
        json.insert(QStringLiteral("audience"), audience);
    }
    return json;
}

QJsonObject Draft::editableFields() const
{
    QJsonObject fields = toJson();
    for (const char *owned : {"id", "creatorId", "authorId", "authorEmail", "createdAt", "updatedAt", "version", "deleted"})
        fields.remove(QLatin1String(owned));
    return fields;
}

Draft Draft::withEditableFields(const QJsonObject &fields) const
{
    const QJsonObject editable = editableFields();
    QJsonObject json = toJson();
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        if (editable.contains(it.key()))
            json.insert(it.key(), it.value());
    }
    return fromJson(json);
}

Draft Draft::fromJson(const QJsonObject &json)
{
    Draft draft;
    draft.id = json.value(QStringLiteral("id")).toString();
    draft.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    draft.authorId = json.value(QStringLiteral("authorId")).toInteger();
    draft.authorEmail = json.value(QStringLiteral("authorEmail")).toString();
    draft.deleted = json.value(QStringLiteral("deleted")).toBool();
    draft.kind = kindFrom(json.value(QStringLiteral("kind")).toString()).value_or(Kind::Post);
    draft.status = statusFrom(json.value(QStringLiteral("status")).toString()).value_or(Status::Draft);
    draft.title = json.value(QStringLiteral("title")).toString();
    draft.body = json.value(QStringLiteral("body")).toString();
    draft.notes = json.value(QStringLiteral("notes")).toString();
    for (const QJsonValue &tag : json.value(QStringLiteral("hashtags")).toArray())
        draft.hashtags.append(tag.toString());
    draft.platform = json.value(QStringLiteral("platform")).toString();
    draft.plannedAt = instantFrom(json.value(QStringLiteral("plannedAt")));
    for (const QJsonValue &file : json.value(QStringLiteral("media")).toArray())
        draft.media.append(file.toString());
    draft.audience = json.value(QStringLiteral("audience")).toString();
    draft.createdAt = instantFrom(json.value(QStringLiteral("createdAt")));
    draft.updatedAt = instantFrom(json.value(QStringLiteral("updatedAt")));
    draft.version = json.value(QStringLiteral("version")).toInteger();
    return draft;
}

Result<Draft> Draft::parse(const QJsonValue &value)
{
    if (!value.isObject())
        return Error::validation({}, QCoreApplication::translate("huntaze::Draft", "A draft must be a JSON object."));
    const QJsonObject json = value.toObject();
    Draft draft;
    if (auto v = jsonfield::optionalString(json, field("id"), 64); !check(v, draft.id).ok())
        return v.error();
    const QJsonValue kind = json.value(field("kind"));
    const std::optional<Kind> known = kind.isString() ? kindFrom(kind.toString()) : std::nullopt;
    if (!known)
        return Error::validation(field("kind"), QCoreApplication::translate("huntaze::Draft", "\"kind\" must be post or message."));
    draft.kind = *known;
    const QJsonValue status = json.value(field("status"));
    if (!status.isUndefined() && !status.isNull()) {
        const std::optional<Status> knownStatus = status.isString() ? statusFrom(status.toString()) : std::nullopt;
        if (!knownStatus)
            return Error::validation(field("status"),
                                     QCoreApplication::translate("huntaze::Draft", "\"status\" must be draft, ready or done."));
        draft.status = *knownStatus;
    }
    if (auto v = jsonfield::optionalString(json, field("title"), rules::maxDraftTitleLength); !check(v, draft.title).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("body"), rules::maxDraftBodyLength); !check(v, draft.body).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("notes"), rules::maxDraftBodyLength); !check(v, draft.notes).ok())
        return v.error();
    if (auto v = jsonfield::optionalStrings(json, field("hashtags")); !check(v, draft.hashtags).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("platform"), rules::maxLabelLength); !check(v, draft.platform).ok())
        return v.error();
    if (auto v = jsonfield::optionalInstant(json, field("plannedAt")); !check(v, draft.plannedAt).ok())
        return v.error();
    if (auto v = jsonfield::optionalStrings(json, field("media")); !check(v, draft.media).ok())
        return v.error();
    if (auto v = jsonfield::optionalString(json, field("audience"), rules::maxLabelLength); !check(v, draft.audience).ok())
        return v.error();
    return validateDraft(draft);
}

QJsonObject DraftConflict::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("draftId"), draftId},
            {QStringLiteral("creatorId"), creatorId},
            {QStringLiteral("authorId"), authorId},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("conflicting"), QJsonArray::fromStringList(conflicting)},
            {QStringLiteral("version"), version},
            {QStringLiteral("resolved"), resolved}};
}

DraftConflict DraftConflict::fromJson(const QJsonObject &json)
{
    DraftConflict conflict;
    conflict.id = json.value(QStringLiteral("id")).toString();
    conflict.draftId = json.value(QStringLiteral("draftId")).toString();
    conflict.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    conflict.authorId = json.value(QStringLiteral("authorId")).toInteger();
    conflict.fields = json.value(QStringLiteral("fields")).toObject();
    for (const QJsonValue &name : json.value(QStringLiteral("conflicting")).toArray())
        conflict.conflicting.append(name.toString());
    conflict.version = json.value(QStringLiteral("version")).toInteger();
    conflict.resolved = json.value(QStringLiteral("resolved")).toBool();
    return conflict;
}

Error draftNotFound()
{
    return Error{ErrorCode::NotFound, QCoreApplication::translate("huntaze::Draft", "This draft no longer exists."), {}, {}};
}

Error conflictAlreadyResolved()
{
    return Error{ErrorCode::NotFound, QCoreApplication::translate("huntaze::Draft", "These two versions were already resolved."), {}, {}};
}

Result<Draft> validateDraft(Draft draft)
{
    if (!draft.id.isEmpty()) {
        const std::optional<QString> id = rules::uuid(draft.id);
        if (!id)
            return Error::validation(field("id"), QCoreApplication::translate("huntaze::Draft", "\"id\" must be a UUID."));
        draft.id = *id;
    }
    if (Result<void> ok = rules::text(field("title"), draft.title, rules::maxDraftTitleLength); !ok.ok())
        return ok.error();
    if (Result<void> ok = rules::text(field("body"), draft.body, rules::maxDraftBodyLength); !ok.ok())
        return ok.error();
    if (Result<void> ok = rules::text(field("notes"), draft.notes, rules::maxDraftBodyLength); !ok.ok())
        return ok.error();
    if (draft.isEmpty())
        return Error::validation(field("body"), QCoreApplication::translate("huntaze::Draft", "An empty draft cannot be saved."));
    for (QString &tag : draft.hashtags) {
        tag = tag.trimmed();
        while (tag.startsWith(u'#'))
            tag.remove(0, 1);
    }
    draft.hashtags.removeAll(QString());
    if (Result<void> ok = rules::labels(field("hashtags"), draft.hashtags); !ok.ok())
        return ok.error();
    draft.platform = draft.platform.trimmed().toLower();
    if (Result<void> ok = rules::text(field("platform"), draft.platform, rules::maxLabelLength); !ok.ok())
        return ok.error();
    if (draft.media.size() > rules::maxDraftMedia)
        return Error::validation(
            field("media"),
            QCoreApplication::translate("huntaze::Draft", "A draft can refer to at most %1 files.").arg(rules::maxDraftMedia));
    for (const QString &file : std::as_const(draft.media)) {
        if (Result<void> ok = rules::text(field("media"), file, rules::maxMediaReferenceLength); !ok.ok())
            return ok.error();
    }
    if (!draft.audience.isEmpty()) {
        QStringList segments;
        for (const analytics::SpendSegment segment : analytics::allSegments())
            segments.append(analytics::segmentId(segment));
        if (!segments.contains(draft.audience))
            return Error::validation(
                field("audience"),
                QCoreApplication::translate("huntaze::Draft", "\"audience\" must be one of: %1, or empty for every fan.")
                    .arg(segments.join(QStringLiteral(", "))));
    }
    if (draft.plannedAt.isValid())
        draft.plannedAt = draft.plannedAt.toUTC();
    return draft;
}

} // namespace huntaze
