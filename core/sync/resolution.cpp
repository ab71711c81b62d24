#include "resolution.h"

#include "sync/fieldmerge.h"

namespace huntaze::sync {

namespace {

QJsonObject withPayload(QJsonObject fields, const QJsonObject &payload)
{
    for (auto it = payload.constBegin(); it != payload.constEnd(); ++it)
        fields.insert(it.key(), it.value());
    return fields;
}

} // namespace

Resolution resolve(const std::optional<ServerRow> &current, const Mutation &mutation)
{
    Resolution resolution;
    if (current)
        resolution.row = *current;
    if (mutation.op == Mutation::Op::Delete) {
        if (!current || current->deleted)
            return resolution; // Unchanged
        // A version moved on by the device's own earlier mutations (a draft
        // made and deleted offline) still holds what the device saw.
        const bool seenAsItIs = current->version == mutation.baseVersion || (!mutation.base.isEmpty() && mutation.base == current->fields);
        if (!seenAsItIs) {
            resolution.outcome = Resolution::Outcome::KeptEdited;
            return resolution;
        }
        resolution.outcome = Resolution::Outcome::Applied;
        resolution.row.deleted = true;
        return resolution;
    }
    if (!current) {
        // New on the device, or its row is gone for good (purged): either way the edit stands.
        resolution.outcome = Resolution::Outcome::Applied;
        resolution.row.fields = withPayload({}, mutation.payload);
        return resolution;
    }
    if (current->version == mutation.baseVersion && !current->deleted) {
        resolution.outcome = Resolution::Outcome::Applied;
        resolution.row.fields = withPayload(current->fields, mutation.payload);
        return resolution;
    }
    const FieldMerge merge = mergeFields(mutation.base, current->fields, mutation.payload);
    if (current->deleted) {
        // An edit against a delete keeps the edited row, the edit winning where the two overlap.
        resolution.outcome = Resolution::Outcome::Restored;
        resolution.row.fields = merge.clean ? merge.merged : withPayload(current->fields, mutation.payload);
        resolution.row.deleted = false;
        return resolution;
    }
    if (!merge.clean) {
        resolution.outcome = Resolution::Outcome::Conflict;
        resolution.conflicting = merge.conflicting;
        return resolution;
    }
    resolution.outcome = Resolution::Outcome::Merged;
    resolution.row.fields = merge.merged;
    return resolution;
}

} // namespace huntaze::sync
