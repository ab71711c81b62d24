#pragma once

#include "domain/profile.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace huntaze {

struct ContentIdea {
    QString title;
    QString description;
    QString format; // photo set, video, live, story, poll, text post
    QString caption;
    QStringList hashtags; // without '#'
    QString platform;

    QJsonObject toJson() const;
    static ContentIdea fromJson(const QJsonObject &json);
    friend bool operator==(const ContentIdea &, const ContentIdea &) = default;
};

struct IdeaRequest {
    Profile profile;
    QString platform = QStringLiteral("onlyfans"); // id from platforms::all()
    int count = 5;
    QString theme; // optional: "beach day", "halloween"
    QString tone; // optional: overrides the profile's tone
    QStringList popularPurchases; // what fans bought most, best first (from the creator's data)

    // Identical requests share one generation (the web app's `ideas-${profile.id}` coalescing).
    QString coalescingKey() const;
};

struct CaptionRequest {
    QString text; // the post idea or a draft caption
    Profile profile;
    QString platform = QStringLiteral("instagram");
    int count = 3;
};

struct CaptionSuggestions {
    QStringList captions;
    QStringList hashtags; // suggested by the provider, before ranking
};

// What a platform allows: captions longer or hashtag lists longer than this
// are cut by the tools, whatever the provider returned.
struct PlatformRules {
    int captionLimit;
    int hashtagLimit;
    static PlatformRules of(const QString &platformId);
};

} // namespace huntaze
