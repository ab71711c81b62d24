#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace huntaze {

// The creator profile: who the creator is and how they speak. The AI tools
// read it to tailor ideas, captions and fan messages.
struct Profile {
    QString displayName;
    QString niche;
    QString audience;
    QString tone;
    QStringList platforms; // ids from Platforms::all(), sorted, unique
    QString timeZone; // IANA id, e.g. "Europe/Paris"

    // The zone the creator's days and hours are in: UTC until they choose one.
    QTimeZone zone() const;

    static constexpr int maxDisplayNameLength = 80;
    static constexpr int maxNicheLength = 80;
    static constexpr int maxAudienceLength = 1000;
    static constexpr int maxToneLength = 80;

    bool isComplete() const;
    QJsonObject toJson() const;
    static Profile fromJson(const QJsonObject &json);
    // From a client: wrong types are errors naming the field; then validateProfile().
    static Result<Profile> parse(const QJsonObject &json);

    friend bool operator==(const Profile &, const Profile &) = default;
};

// Checks a profile before it is saved; the first problem found is returned
// with the name of the field it concerns.
Result<Profile> validateProfile(Profile profile);

namespace platforms {
// Stable ids stored in the database and sent over the API.
QStringList all();
// The name a user reads ("OnlyFans", "X (Twitter)").
QString displayName(const QString &id);
} // namespace platforms

} // namespace huntaze
