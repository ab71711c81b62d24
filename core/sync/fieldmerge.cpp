#include "fieldmerge.h"

#include "sync/textmerge.h"

#include <QJsonArray>

#include <algorithm>
#include <optional>

namespace huntaze::sync {

namespace {

bool isStringList(const QJsonValue &value)
{
    if (!value.isArray())
        return false;
    const QJsonArray items = value.toArray();
    return std::all_of(items.cbegin(), items.cend(), [](const QJsonValue &item) { return item.isString(); });
}

// A list both sides changed: the server's items, less what the device removed, plus what it added.
std::optional<QJsonValue> mergedList(const QJsonValue &base, const QJsonValue &server, const QJsonValue &mine)
{
    if (!isStringList(server) || !isStringList(mine) || !(base.isUndefined() || base.isNull() || isStringList(base)))
        return std::nullopt;
    const QJsonArray before = base.toArray(), theirs = server.toArray(), ours = mine.toArray();
    QJsonArray merged;
    for (const QJsonValue &item : theirs) {
        if (!before.contains(item) || ours.contains(item))
            merged.append(item);
    }
    for (const QJsonValue &item : ours) {
        if (!before.contains(item) && !merged.contains(item))
            merged.append(item);
    }
    return merged;
}

std::optional<QJsonValue> mergedField(const QJsonValue &base, const QJsonValue &server, const QJsonValue &mine)
{
    if (mine == base || mine == server)
        return server;
    if (server == base)
        return mine;
    if (server.isString() && mine.isString() && (base.isString() || base.isUndefined() || base.isNull())) {
        const TextMerge text = mergeText(base.toString(), server.toString(), mine.toString());
        if (text.clean)
            return text.merged;
        return std::nullopt;
    }
    return mergedList(base, server, mine);
}

} // namespace

FieldMerge mergeFields(const QJsonObject &base, const QJsonObject &server, const QJsonObject &mine)
{
    FieldMerge merge;
    merge.merged = server;
    for (auto field = mine.constBegin(); field != mine.constEnd(); ++field) {
        const std::optional<QJsonValue> value = mergedField(base.value(field.key()), server.value(field.key()), field.value());
        if (value)
            merge.merged.insert(field.key(), *value);
        else
            merge.conflicting.append(field.key());
    }
    merge.clean = merge.conflicting.isEmpty();
    if (!merge.clean)
        merge.merged = {};
    return merge;
}

} // namespace huntaze::sync
