#pragma once

#include "domain/profile.h"

#include <QJsonObject>

namespace huntaze {

// A creator profile an agency manages. Fans, offers, posts, drafts and
// preferences belong to a creator, not to a login.
struct Creator {
    qint64 id = 0;
    Profile profile;

    QJsonObject toJson() const;
    static Creator fromJson(const QJsonObject &json);

    friend bool operator==(const Creator &, const Creator &) = default;
};

} // namespace huntaze
