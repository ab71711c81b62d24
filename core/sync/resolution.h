#pragma once

#include "sync/mutation.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace huntaze::sync {

// A row as the server holds it: its fields, the version of its last write, and
// whether it was deleted (a tombstone keeps its fields, so an edit can bring it back).
struct ServerRow {
    QJsonObject fields;
    qint64 version = 0;
    bool deleted = false;
};

// What a pushed mutation does to the server's row (issue 13, docs/sync.md).
struct Resolution {
    enum class Outcome {
        Applied, // the edit or the delete as sent
        Merged, // the row had changed since the device's copy; the edit merged into it
        Restored, // an edit of a row deleted meanwhile: the row is back, with the edit
        Conflict, // the edit overlaps a change made meanwhile: the server's row stays, the edit is kept beside it
        KeptEdited, // a delete of a row changed since the device's copy: the row stays
        Unchanged, // nothing to do (a delete of a row already gone)
    };
    Outcome outcome = Outcome::Unchanged;
    ServerRow row; // the row to store (for Applied, Merged, Restored; the server's own otherwise)
    QStringList conflicting; // Conflict: the fields changed both ways
};

// Decides what `mutation` does to `current` (none: no such row on the
// server). Never drops an edit: one that cannot be merged is a Conflict for a
// person to resolve. The caller gives the stored row its new version.
Resolution resolve(const std::optional<ServerRow> &current, const Mutation &mutation);

} // namespace huntaze::sync
