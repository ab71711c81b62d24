#pragma once

#include <QJsonObject>
#include <QStringList>

namespace huntaze::sync {

// What merging a device's edit into the server's copy of a row made of it.
struct FieldMerge {
    bool clean = false; // false: some field was changed both ways and both versions must be kept
    QJsonObject merged; // the server's row with the edit merged in (when clean)
    QStringList conflicting; // the fields changed both ways that could not be merged
};

// A device edited a row (issue 13): `base` is the row as the device last had
// it, `mine` the device's new values of the fields it sent, `server` the row
// as it is now on the server (changed meanwhile by others). Field by field:
// a field only one side changed takes that side's value; a field both changed
// alike is fine; text both changed is merged word by word (mergeText); a list
// of strings both changed keeps the server's items less those the device
// removed, plus those it added; anything else changed both ways conflicts.
// Fields `mine` does not name keep the server's values.
FieldMerge mergeFields(const QJsonObject &base, const QJsonObject &server, const QJsonObject &mine);

} // namespace huntaze::sync
